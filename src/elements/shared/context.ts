/**
 * How descendants find their room's connection without wiring: the W3C
 * context protocol (@lit/context), which also crosses shadow roots.
 */
import { createContext } from '@lit/context';
import type { RTCMultiConnection } from '../../core/index.js';

/** A global symbol, so separately bundled copies of the kit still find each other's rooms. */
export const connectionContext = createContext<RTCMultiConnection | undefined>(Symbol.for('rtc-elements.connection'));
