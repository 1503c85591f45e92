/**
 * Browser bundles for <script type="module"> use without a bundler: each one
 * carries socket.io-client inside. The npm build (bare imports, .d.ts) is tsc's
 * output in dist/.
 */
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rmSync } from 'node:fs';

const plugins = () => [nodeResolve({ browser: true }), terser({ format: { comments: false } })];

export default [
  {
    input: 'dist/core/index.js',
    output: { file: 'dist/bundle/rtc-core.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: plugins(),
  },
  {
    // The CDN file: every tag defined on import, Lit and socket.io-client inside. The WebRTC code is a file of its
    // own beside it (dist/chunks/), imported relative to the CDN file only when a room connects peers.
    input: { 'rtc-elements': 'dist/cdn.js' },
    // The chunk imports what it shares with the CDN file from the CDN file itself (no third file to fetch).
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    plugins: [
      ...plugins(),
      // Chunk names carry a hash: without this, every build would leave the previous ones behind.
      { name: 'clean-chunks', buildStart: () => rmSync('dist/chunks', { recursive: true, force: true }) },
    ],
  },
  {
    // For pages written for stock RTCMultiConnection: a classic script defining window.RTCMultiConnection.
    input: 'dist/classic.js',
    output: { file: 'dist/bundle/RTCMultiConnection.js', format: 'iife', sourcemap: true, inlineDynamicImports: true },
    plugins: plugins(),
  },
];
