/** The compatibility suite (test/compat/demo-suite.ts) with the upstream pages on stock RTCMultiConnection 3.7.1. */
import { demoSuite } from '../compat/demo-suite.js';

demoSuite('stock');
