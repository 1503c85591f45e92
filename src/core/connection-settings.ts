/**
 * Every setting of a connection, with its default. `RTCMultiConnection`
 * extends this class, so each is a property of the connection, and
 * `ConnectionOptions` (the constructor's options) is derived from it: an
 * option cannot be documented in one place and forgotten in the other.
 */
import { DEFAULT_SOCKET_CUSTOM_EVENT, DEFAULT_SOCKET_MESSAGE_EVENT } from '../protocol/constants.js';
import { DEFAULT_EXTRA_SIZE_LIMIT, DEFAULT_INCOMING_EXTRA_SIZE_LIMIT } from '../protocol/extra.js';
import { randomToken } from '../protocol/ids.js';
import type { SdpConstraints, Session } from '../protocol/messages.js';

export class ConnectionSettings extends EventTarget {
  /** The signaling server; like stock, `'/'` means the page's own origin. */
  socketURL = '/';
  userid: string = randomToken();
  /** The current (or last) room id. */
  sessionid = '';
  /** Your metadata. Mutate it and call `updateExtraData()`, or pass a patch to `updateExtraData`. */
  extra: Record<string, unknown> = {};
  session: Session = { audio: true, video: true };
  password: string | null = null;
  /** The room's size limit when this connection opens it; the server counts the owner. */
  maxParticipantsAllowed = 1000;
  socketMessageEvent = DEFAULT_SOCKET_MESSAGE_EVENT;
  socketCustomEvent = DEFAULT_SOCKET_CUSTOM_EVENT;
  /** When this connection owns the room and leaves: true deletes the room, false hands it on. */
  autoCloseEntireSession = false;
  publicRoomIdentifier = '';
  /** Largest own extra accepted, in bytes of serialised UTF-8 JSON. */
  extraSizeLimit = DEFAULT_EXTRA_SIZE_LIMIT;
  /** Largest extra accepted from others. */
  incomingExtraSizeLimit = DEFAULT_INCOMING_EXTRA_SIZE_LIMIT;
  /** Extra sends are coalesced to at most one per this many milliseconds (the first one is never delayed). */
  extraUpdateInterval = 100;
  /** How long a participant lost from signaling stays listed as `stale` before it is dropped. */
  participantGracePeriod = 5000;
  /** How long to wait for the server to answer a request. */
  requestTimeout = 10000;
  /**
   * Reconnecting after the signaling connection is lost: the first attempt
   * within `reconnectBaseDelay` ms, each later one up to twice as late (with
   * jitter), at most `reconnectMaxDelay` ms; the delays start over once a
   * connection stayed up for `reconnectStableAfter` ms. Membership ends only
   * with `leave()`, or when the server refuses us for good (a wrong password,
   * a full room).
   */
  reconnectBaseDelay = 500;
  reconnectMaxDelay = 4000;
  reconnectStableAfter = 10000;
  /**
   * Most peer connections open at once; participants past it are listed with
   * `peerState: 'limit-reached'` and not connected.
   */
  maxPeerConnections = 50;
  /** Most peer connections negotiating at once; the others wait (`peerState: 'waiting'`). */
  maxConnectingPeers = 8;
  /** Most participants listed; a server cannot make the roster grow past it. */
  maxListedParticipants = 1000;
  /** Most new participants admitted per second (a flood of join requests waits its turn, up to the list limit). */
  admissionsPerSecond = 200;
  /** How long to keep retrying when a reconnect finds our own old socket still holding the userid. */
  useridReclaimTimeout = 60000;
  /**
   * The userid was ours a moment ago (the page reloaded, say): if the server
   * still holds it for the old socket, wait for it to be released (up to
   * `useridReclaimTimeout`) instead of failing with `userid-already-taken`.
   */
  reclaimUserid = false;
  /**
   * STUN/TURN servers for WebRTC. Empty by default (stock uses Google's STUN):
   * set your own for participants behind NATs.
   */
  iceServers: RTCIceServer[] = [];
  /**
   * Stock's offer constraints. `mandatory` is what a joiner asks the room's
   * members to send it (it travels in the join request), as stock does.
   */
  sdpConstraints: { mandatory: SdpConstraints; optional: unknown[] } = {
    mandatory: { OfferToReceiveAudio: true, OfferToReceiveVideo: true },
    optional: [{ VoiceActivityDetection: false }],
  };
  /** Files given to `send()` go as files, in stock's format (FileBufferReader chunks; no FileBufferReader.js needed). */
  enableFileSharing = false;
  /** Size of a file's chunks, in bytes (stock's default). */
  chunkSize = 40000;
  /** Where the default file callbacks show each transfer; the page's body when unset. */
  filesContainer: HTMLElement | null = null;
  /** The page captures its media itself (and hands it over in `attachStreams`): open and join capture nothing. */
  dontCaptureUserMedia = false;
  /** getUserMedia constraints; by default audio and video as `session` asks. */
  mediaConstraints: MediaStreamConstraints | undefined = undefined;
  /** Leave the room (telling everyone at once) when the page is hidden for good, as stock does. */
  closeBeforeUnload = true;
}

/** The constructor's options: any setting, each also a property of the connection. */
export type ConnectionOptions = Partial<Omit<ConnectionSettings, keyof EventTarget>>;

/** Applies the options that are set (an `undefined` option keeps the default). */
export function applyOptions(settings: ConnectionSettings, options: ConnectionOptions): void {
  Object.assign(settings, Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)));
}
