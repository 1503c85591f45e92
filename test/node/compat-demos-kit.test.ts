/** The compatibility suite (test/compat/demo-suite.ts) with the upstream pages on the kit's classic build (dist/bundle/RTCMultiConnection.js). */
import { demoSuite } from '../compat/demo-suite.js';

demoSuite('kit');
