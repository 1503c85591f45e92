/**
 * The unmodified stock RTCMultiConnection 3.7.1 client, loaded into the test
 * page as a classic script, as stock pages do.
 */

/** The parts of the stock client's API the tests touch. */
export interface StockConnection {
  socketURL: string;
  userid: string;
  session: Record<string, boolean>;
  extra: Record<string, unknown>;
  enableLogs: boolean;
  peers: Record<string, { extra: unknown } | undefined>;
  socket: { disconnect(): void } | null;
  iceServers: unknown[];
  send(data: unknown, userid?: string): void;
  getAllParticipants(): string[];
  onopen: (event: { userid: string; extra: Record<string, unknown> }) => void;
  onmessage: (event: { data: unknown; userid: string; extra: Record<string, unknown> }) => void;
  onstream: (event: {
    type: string;
    userid: string;
    extra: Record<string, unknown>;
    stream: MediaStream;
    mediaElement?: HTMLMediaElement;
  }) => void;
  open(roomid: string, callback: (ok: boolean, roomid: string, error?: string) => void): void;
  join(roomid: string, callback: (ok: boolean, roomid: string, error?: string) => void): void;
  updateExtraData(): void;
  leave(): void;
  closeSocket(): void;
  onExtraDataUpdated: (event: { userid: string; extra: Record<string, unknown> }) => void;
  onleave: (event: { userid: string; extra: unknown }) => void;
  enableFileSharing: boolean;
  shareFile(file: Blob, userid?: string): void;
  onFileStart: (file: unknown) => void;
  onFileProgress: (chunk: { remoteUserId?: string }) => void;
  onFileEnd: (file: Blob & { name: string; remoteUserId?: string }) => void;
}

type IoFunction = ((url: string, options?: Record<string, unknown>) => unknown) & Record<string, unknown>;
declare global {
  interface Window {
    io?: IoFunction;
    RTCMultiConnection?: new () => StockConnection;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

/**
 * Loads socket.io's client from the signaling server (as stock pages do) and
 * the stock RTCMultiConnection.js. The test page lives on another origin than
 * the signaling server, which sends no CORS headers, so stock's default
 * long-polling start cannot work here; `io` is given websocket transport, and
 * nothing of the stock client itself is changed.
 */
export async function loadStockClient(signalingUrl: string): Promise<new () => StockConnection> {
  if (!window.RTCMultiConnection) {
    await loadScript(`${signalingUrl}socket.io/socket.io.js`);
    const original = window.io!;
    window.io = Object.assign(
      (url: string, options?: Record<string, unknown>) => original(url, { transports: ['websocket'], ...options }),
      original,
    );
    await loadScript('/node_modules/rtcmulticonnection/dist/RTCMultiConnection.js');
  }
  return window.RTCMultiConnection!;
}

/** Stock's file sharing needs FileBufferReader.js (npm fbr) on the page. */
export async function loadFileBufferReader(): Promise<void> {
  if (!('FileBufferReader' in window)) await loadScript('/node_modules/fbr/FileBufferReader.js');
}

export function createStockConnection(
  Stock: new () => StockConnection,
  url: string,
  userid: string,
  extra: Record<string, unknown>,
): StockConnection {
  const connection = new Stock();
  connection.enableLogs = false;
  connection.socketURL = url;
  connection.userid = userid;
  connection.session = { data: true };
  connection.extra = extra;
  // Stock defaults to Google's STUN servers; these tests stay on loopback.
  connection.iceServers = [];
  return connection;
}

/**
 * Ends a stock client: `leave()` tells its peers, then its socket disconnects.
 * Stock's own `closeSocket()` would set `connection.socket` to null, which
 * makes its 1-second post-connect timer and late ICE callbacks throw (a stock
 * bug); a disconnected socket just buffers them.
 */
export function endStockConnection(connection: StockConnection): void {
  connection.leave();
  connection.socket?.disconnect();
}
