/**
 * Debian's Firefox ESR (no downloaded browsers here), driven over WebDriver
 * BiDi, and the prefs that let two pages of one machine talk WebRTC headless
 * with fake devices and no prompts. Shared by the test runner and the Node
 * tests that drive Firefox.
 */
import { existsSync } from 'node:fs';

export function firefoxPath() {
  const path = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find(
    (candidate) => candidate && existsSync(candidate),
  );
  if (!path)
    throw new Error('Firefox not found. Install it (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH.');
  return path;
}

export const FIREFOX_PREFS = {
  // Fake camera and microphone, granted without a prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // ICE between two pages of this machine: real host addresses, loopback allowed.
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.loopback': true,
  // Nothing reaching for the internet (puppeteer's own defaults cover updates, telemetry and the rest).
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/** Puppeteer launch options for headless Firefox ESR. */
export function firefoxLaunchOptions() {
  return { browser: 'firefox', executablePath: firefoxPath(), headless: true, extraPrefsFirefox: FIREFOX_PREFS };
}

/**
 * Each page in its own window: Firefox throttles the timers of tabs that share
 * a window with another (background tabs), and the tests wait on timers.
 */
export function newFirefoxPage(context) {
  return context.newPage({ type: 'window' });
}
