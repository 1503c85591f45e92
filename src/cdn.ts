/**
 * Entry of `dist/rtc-elements.js`: one ES module, Lit and socket.io-client
 * inside, that defines every tag on import and exports everything.
 */
import './define/index.js';

export * from './index.js';
