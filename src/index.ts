/** Everything the package offers; no module here defines a custom element. */
export * from './core/index.js';
