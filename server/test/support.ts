/**
 * What the server's tests share: a server started in-process on loopback, raw
 * socket.io clients that record every event they receive, acknowledged
 * requests with a deadline, and waiting on conditions (never on time).
 */
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { after, afterEach, before } from 'node:test';
import { pino, type Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { createSignalingServer, type SignalingServer, type SignalingServerOptions } from '../src/index.js';

export const MSG = 'RTCMultiConnection-Message';
export const REFUSED = 'rtc-elements:refused';
export const EXTRAS = 'rtc-elements:extras';

/** How long any single condition may take before a test fails with its description. */
const DEADLINE_MS = 10_000;

/** A pino logger writing into an array, and the lines at error level or above. */
export function captureLog(level = 'warn'): { logger: Logger; lines: string[]; errors(): unknown[] } {
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(line) });
  return {
    logger,
    lines,
    errors: () => lines.map((line) => JSON.parse(line) as { level: number }).filter((entry) => entry.level >= 50),
  };
}

/**
 * For a test file: a server started before its tests and closed after them, the file failing if a handler error was
 * logged, and every client closed after each test.
 */
export function useServer(options: SignalingServerOptions = {}): {
  readonly url: string;
  readonly server: SignalingServer;
  /** Log lines at error level or above, so far. */
  errors(): unknown[];
} {
  let server: SignalingServer | undefined;
  const log = captureLog();
  before(async () => {
    server = await startServer({ logger: log.logger, ...options });
  });
  afterEach(closeAll);
  after(async () => {
    await server?.close();
    assert.deepEqual(log.errors(), [], 'no handler error was logged');
  });
  return {
    get url() {
      return server!.url;
    },
    get server() {
      return server!;
    },
    errors: () => log.errors(),
  };
}

/** A server on 127.0.0.1 and a free port, silent unless a logger is given. */
export async function startServer(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const server = createSignalingServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', ...options });
  await server.listen();
  return server;
}

export interface Received {
  event: string;
  args: unknown[];
}

export interface ConnectOptions {
  /** Handshake query parameters added to (or replacing) the stock ones. */
  query?: Record<string, string>;
  /** socket.io's handshake `auth` (the kit sends `{rtcElements: 1}`). */
  auth?: Record<string, unknown>;
  /** socket.io-client's own reconnection (off unless a test is about it). */
  reconnection?: boolean;
}

/** Every client still open, closed by `closeAll` after each test. */
const open = new Set<Client>();

/** A raw socket.io client speaking the stock protocol by hand; it records everything it receives. */
export class Client {
  readonly received: Received[] = [];
  disconnectReason: string | undefined;

  constructor(
    readonly socket: Socket,
    public userid: string,
  ) {
    socket.onAny((event: string, ...args: unknown[]) => this.received.push({ event, args }));
    socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
    });
  }

  /** The arguments of every event of this name received so far, optionally only those matching. */
  events(event: string, matching: (args: unknown[]) => boolean = () => true): unknown[][] {
    return this.received.filter((entry) => entry.event === event && matching(entry.args)).map((entry) => entry.args);
  }

  /** Relays received so far, as envelopes. */
  relays(matching: (envelope: Envelope) => boolean = () => true): Envelope[] {
    return this.events(MSG)
      .map(([envelope]) => envelope as Envelope)
      .filter(matching);
  }

  /** `rtc-elements:refused` notices received so far. */
  refusals(): Array<{ event: string; reason: string; message: string }> {
    return this.events(REFUSED).map(([refusal]) => refusal as { event: string; reason: string; message: string });
  }

  /** Resolves with the first received event of this name that matches (already received or still to come). */
  async next(event: string, matching: (args: unknown[]) => boolean = () => true): Promise<unknown[]> {
    await until(() => this.events(event, matching).length > 0, `${this.userid} receives "${event}"`);
    return this.events(event, matching)[0]!;
  }

  emit(event: string, ...args: unknown[]): void {
    this.socket.emit(event, ...args);
  }

  /** Emits with an acknowledgement and resolves with its arguments; rejects when none comes in time. */
  request(event: string, ...args: unknown[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      this.socket.timeout(DEADLINE_MS).emit(event, ...args, (error: Error | null, ...response: unknown[]) => {
        if (error) reject(new Error(`${this.userid}: no acknowledgement for "${event}"`));
        else resolve(response);
      });
    });
  }

  /** A relay in this socket's own name (or another's, to be refused). */
  relay(remoteUserId: string, message: unknown, sender: unknown = this.userid): void {
    this.socket.emit(MSG, { remoteUserId, message, sender });
  }

  /**
   * A round trip through the server: once it resolves, every event the server
   * sent this socket before answering has been received (socket.io keeps
   * order per socket), and every frame this socket sent before has been handled.
   */
  async sync(): Promise<void> {
    await this.request('get-remote-user-extra-data', this.userid);
  }

  close(): void {
    this.socket.disconnect();
    open.delete(this);
  }
}

export interface Envelope {
  remoteUserId: string;
  sender: string;
  message: Record<string, unknown>;
  extra?: unknown;
}

/** Connects a raw client as the stock client does (websocket only); rejects on `connect_error`. */
export async function connect(url: string, userid: string, options: ConnectOptions = {}): Promise<Client> {
  const socket = io(url, {
    query: { userid, msgEvent: MSG, extra: '{}', ...options.query },
    auth: options.auth ?? {},
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
  });
  const client = new Client(socket, userid);
  open.add(client);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}

/** A kit socket: `auth: {rtcElements: 1}`. */
export function connectKit(url: string, userid: string, options: ConnectOptions = {}): Promise<Client> {
  return connect(url, userid, { ...options, auth: { rtcElements: 1, ...options.auth } });
}

/** A handshake the server must refuse: resolves with the `connect_error`. */
export async function connectRefused(url: string, query: Record<string, string>): Promise<Error> {
  const error = await connect(url, `refused-${unique()}`, { query }).then(
    (client) => {
      client.close();
      throw new Error('the handshake was accepted');
    },
    (reason: unknown) => reason as Error,
  );
  return error;
}

/** Closes every client a test opened. */
export function closeAll(): void {
  for (const client of open) client.close();
}

/** Sequential round trips: the first client's frames are handled, then what the others were sent is in. */
export async function syncAll(...clients: Client[]): Promise<void> {
  for (const client of clients) await client.sync();
}

/** Resolves once `condition()` holds, checking every few milliseconds; fails with the description past the deadline. */
export async function until(condition: () => boolean, description: string, timeoutMs = DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export function unique(prefix = 'id'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** `open-room` as the stock client sends it; asserts success (`(true)`, and for a kit socket an empty member list). */
export async function openRoom(
  client: Client,
  roomid: string,
  fields: Record<string, unknown> = {},
): Promise<unknown[]> {
  const answer = await client.request('open-room', {
    sessionid: roomid,
    session: { audio: true, video: true },
    extra: {},
    password: '',
    ...fields,
  });
  assert.equal(answer[0], true, `${client.userid} opens ${roomid}`);
  return answer;
}

/** `join-room` as the stock client sends it; resolves with the answer. */
export function joinRoom(client: Client, roomid: string, fields: Record<string, unknown> = {}): Promise<unknown[]> {
  return client.request('join-room', {
    sessionid: roomid,
    session: { audio: true, video: true },
    extra: {},
    password: '',
    ...fields,
  });
}

/** Joins and asserts success (a kit socket's answer carries the member list too). */
export async function joined(client: Client, roomid: string, fields: Record<string, unknown> = {}): Promise<void> {
  const [ok] = await joinRoom(client, roomid, fields);
  assert.equal(ok, true, `${client.userid} joins ${roomid}`);
}

/** The join request a stock joiner sends once `join-room` succeeded. */
export function joinRequest(client: Client, roomid: string, extraFields: Record<string, unknown> = {}): void {
  client.relay(roomid, {
    newParticipationRequest: true,
    isOneWay: false,
    isDataOnly: true,
    localPeerSdpConstraints: { OfferToReceiveAudio: false, OfferToReceiveVideo: false },
    remotePeerSdpConstraints: { OfferToReceiveAudio: false, OfferToReceiveVideo: false },
    ...extraFields,
  });
}

/** A fresh pair opens and joins a room and exchanges a relay each way: the server still serves. */
export async function assertLegitPairWorks(url: string): Promise<void> {
  const roomid = unique('legit-room');
  const a = await connect(url, unique('legit-a'));
  const b = await connect(url, unique('legit-b'));
  await openRoom(a, roomid);
  await joined(b, roomid);
  a.relay(b.userid, { hello: 'from a' });
  await b.next(MSG, ([envelope]) => (envelope as Envelope).message['hello'] === 'from a');
  b.relay(a.userid, { hello: 'from b' });
  await a.next(MSG, ([envelope]) => (envelope as Envelope).message['hello'] === 'from b');
  a.close();
  b.close();
}

/** An HTTP GET to the server: status, headers and body. */
export function httpGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Whether any received event carries this text anywhere in its arguments. */
export function sawText(client: Client, text: string): boolean {
  return client.received.some((entry) => JSON.stringify(entry.args).includes(text));
}
