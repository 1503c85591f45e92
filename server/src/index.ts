/** rtc-elements-server as a library: create a server, on its own HTTP server or on one of yours. */
export { createSignalingServer, type SignalingServer, type SignalingServerOptions } from './signaling-server.js';
export { DEFAULT_LIMITS, DEFAULT_SETTINGS, type Limits, type ServerOptions, type ServerSettings } from './settings.js';
export { SERVER_NAME, SERVER_VERSION } from './version.js';
