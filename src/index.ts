/** Everything the package offers; no module here defines a custom element (import `rtc-elements/define` for that). */
export * from './core/index.js';
export * from './elements/index.js';
