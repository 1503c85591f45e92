/**
 * Browser bundles for <script type="module"> use without a bundler: each one
 * carries socket.io-client inside. The npm build (bare imports, .d.ts) is tsc's
 * output in dist/.
 */
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default [
  {
    input: 'dist/core/index.js',
    output: { file: 'dist/bundle/rtc-core.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true }), terser({ format: { comments: false } })],
  },
];
