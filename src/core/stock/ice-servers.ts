/**
 * ICE servers as stock treats them: a page's `iceServers` often carry a URL the
 * browser refuses (today's Chromium rejects `stun:…?transport=udp`), and one
 * bad URL makes `new RTCPeerConnection` throw. Each URL is tried on its own;
 * the ones refused are dropped (and reported), the rest are used.
 */

export interface RejectedIceUrl {
  url: string;
  reason: string;
}

export interface UsableIceServers {
  servers: RTCIceServer[];
  rejected: RejectedIceUrl[];
}

/** Throws when the browser refuses a server (as `new RTCPeerConnection({iceServers: [server]})` does). */
export type IceServerCheck = (server: RTCIceServer) => void;

/** Keeps, of each server, the URLs `check` accepts; a server left with none is dropped. */
export function usableIceServers(servers: readonly RTCIceServer[], check: IceServerCheck): UsableIceServers {
  const usable: RTCIceServer[] = [];
  const rejected: RejectedIceUrl[] = [];
  for (const server of servers) {
    const given: unknown = (server as Partial<RTCIceServer> | null)?.urls;
    const urls = typeof given === 'string' ? [given] : Array.isArray(given) ? given.map(String) : [];
    if (urls.length === 0) rejected.push({ url: JSON.stringify(server) ?? 'undefined', reason: 'no urls' });
    const kept = urls.filter((url) => {
      try {
        check({ ...server, urls: url });
        return true;
      } catch (error) {
        rejected.push({ url, reason: error instanceof Error ? error.message : String(error) });
        return false;
      }
    });
    if (kept.length > 0) usable.push({ ...server, urls: kept });
  }
  return { servers: usable, rejected };
}

/** The browser's own verdict: a throw-away RTCPeerConnection with that one server. */
export function browserIceServerCheck(server: RTCIceServer): void {
  new RTCPeerConnection({ iceServers: [server] }).close();
}

/** Filters a connection's `iceServers`, again only when they change, and reports each refused URL once per change. */
export class IceServerFilter {
  #key: string | undefined;
  #usable: RTCIceServer[] = [];

  constructor(
    private readonly check: IceServerCheck,
    private readonly rejected: (rejected: RejectedIceUrl) => void,
  ) {}

  usable(servers: readonly RTCIceServer[]): RTCIceServer[] {
    const key = JSON.stringify(servers);
    if (key === this.#key) return this.#usable;
    const result = usableIceServers(Array.isArray(servers) ? servers : [], this.check);
    this.#key = key;
    this.#usable = result.servers;
    for (const rejected of result.rejected) this.rejected(rejected);
    return this.#usable;
  }
}
