/**
 * Entry of the classic-script build (`dist/bundle/RTCMultiConnection.js`):
 * defines `window.RTCMultiConnection` with socket.io-client inside, so a page
 * written for stock RTCMultiConnection switches by swapping one <script src>.
 */
import { RTCMultiConnection } from './core/index.js';

(globalThis as { RTCMultiConnection?: typeof RTCMultiConnection }).RTCMultiConnection = RTCMultiConnection;
