/**
 * Payloads we send and envelopes we receive on the stock protocol, as pure
 * data: builders produce exactly the shapes stock 3.7.1 sends, parsers accept
 * anything and return either a typed value or `undefined`, never throwing.
 */
import { isPlainObject, type Extra } from './extra.js';
import { isValidId } from './ids.js';

export interface Session {
  audio?: boolean | 'two-way';
  video?: boolean | 'two-way';
  screen?: boolean;
  data?: boolean;
  oneway?: boolean;
  broadcast?: boolean;
}

export interface SdpConstraints {
  OfferToReceiveAudio: boolean;
  OfferToReceiveVideo: boolean;
}

/** The payload of `open-room` and `join-room`. */
export interface RoomRequest {
  sessionid: string;
  session: Session;
  mediaConstraints: { audio: boolean; video: boolean };
  sdpConstraints: { mandatory: SdpConstraints; optional: unknown[] };
  streams: Array<{ streamid: string; tracks: number }>;
  extra: Extra;
  password: string;
  identifier?: string;
}

export function isDataOnly(session: Session): boolean {
  return !session.audio && !session.video && !session.screen && !!session.data;
}

/** A session with nothing to connect (no audio, video, screen or data): presence only, over signaling alone. */
export function isPresenceOnly(session: Session): boolean {
  return !session.audio && !session.video && !session.screen && !session.data;
}

/**
 * Builds the `open-room`/`join-room` argument. Never null and always with an
 * object `extra`: the stock server crashes on a null payload, and a missing
 * extra makes every later relay to stock peers carry `extra: undefined`.
 */
export function buildRoomRequest(options: {
  roomid: string;
  session: Session;
  extra: Extra;
  password: string | null;
  identifier?: string;
}): RoomRequest {
  const request: RoomRequest = {
    sessionid: options.roomid,
    session: { ...options.session },
    mediaConstraints: { audio: !!options.session.audio, video: !!options.session.video },
    sdpConstraints: {
      mandatory: { OfferToReceiveAudio: true, OfferToReceiveVideo: true },
      optional: [{ VoiceActivityDetection: false }],
    },
    streams: [],
    extra: options.extra,
    password: options.password ?? '',
  };
  if (options.identifier) request.identifier = options.identifier;
  return request;
}

/** The join request a joiner sends to the room id; the server fans it out to every member. */
export interface JoinRequest {
  newParticipationRequest: true;
  isOneWay: boolean;
  isDataOnly: boolean;
  localPeerSdpConstraints: SdpConstraints;
  remotePeerSdpConstraints: SdpConstraints;
  /** What our joiners add (stock ignores it); see `JoinerTraits`. */
  rtcElementsJoin: JoinerTraits;
}

/**
 * A joiner of ours says whether it pushes its extra (`extra-data-updated`)
 * right after the request, so members take the extra from that push instead
 * of each asking the server for it (rtc-elements-server stamps the request
 * with it instead); and whether it wants no peer connection.
 */
export interface JoinerTraits {
  extraFollows: boolean;
  presenceOnly: boolean;
}

/** `receive` is what we ask the members to send us: stock's `sdpConstraints.mandatory`. */
export function buildJoinRequest(
  session: Session,
  receive: SdpConstraints = { OfferToReceiveAudio: true, OfferToReceiveVideo: true },
  extraFollows = true,
): JoinRequest {
  const asked = {
    OfferToReceiveAudio: !!receive.OfferToReceiveAudio,
    OfferToReceiveVideo: !!receive.OfferToReceiveVideo,
  };
  const oneway = !!session.oneway;
  return {
    newParticipationRequest: true,
    isOneWay: oneway,
    isDataOnly: isDataOnly(session),
    localPeerSdpConstraints: oneway
      ? { OfferToReceiveAudio: !!session.audio, OfferToReceiveVideo: !!session.video || !!session.screen }
      : asked,
    remotePeerSdpConstraints: asked,
    rtcElementsJoin: { extraFollows, presenceOnly: isPresenceOnly(session) },
  };
}

/**
 * Our answer to a join request: "I am a member of this room". Stock clients
 * ignore it (it matches none of their message kinds); it lets a joiner list us
 * even when WebRTC never connects, and it creates the server's `connectedWith`
 * link that makes the server tell the joiner when we disconnect.
 */
export interface PresenceMessage {
  rtcElementsPresence: { roomid: string };
}

export function buildPresence(roomid: string): PresenceMessage {
  return { rtcElementsPresence: { roomid } };
}

export const USER_LEFT_MESSAGE = { userLeft: true } as const;

/** What travels on the message event: `{remoteUserId, message, sender}`, plus `extra` added by the server. */
export interface Envelope {
  remoteUserId: string;
  sender: string;
  message: Record<string, unknown> | string;
  extra?: unknown;
}

export function buildEnvelope(remoteUserId: string, sender: string, message: object | string): Envelope {
  return { remoteUserId, sender, message: message as Envelope['message'] };
}

/** Accepts an envelope only when its ids are valid strings and its message an object or string. */
export function parseEnvelope(value: unknown): Envelope | undefined {
  if (!isPlainObject(value)) return undefined;
  const { remoteUserId, sender, message } = value;
  if (!isValidId(remoteUserId) || !isValidId(sender)) return undefined;
  if (typeof message !== 'string' && !isPlainObject(message)) return undefined;
  return { remoteUserId, sender, message, extra: value['extra'] };
}

export type RoomSignal =
  | { kind: 'join-request'; traits: Partial<JoinerTraits> }
  | { kind: 'presence'; roomid: string }
  | { kind: 'user-left' }
  | { kind: 'other' };

/** Classifies a message for the roster; WebRTC negotiation falls under `other`. */
export function classifyMessage(message: Envelope['message']): RoomSignal {
  if (typeof message === 'string') return { kind: 'other' };
  if (message['newParticipationRequest'] === true) return { kind: 'join-request', traits: joinerTraits(message) };
  if (message['userLeft'] === true) return { kind: 'user-left' };
  const presence = message['rtcElementsPresence'];
  if (isPlainObject(presence) && typeof presence['roomid'] === 'string')
    return { kind: 'presence', roomid: presence['roomid'] };
  return { kind: 'other' };
}

/** The stock check-presence ack: `(exists, roomid, roomExtraWith_room)`. */
export interface RoomPresence {
  exists: boolean;
  roomid: string;
  isFull: boolean;
  isPasswordProtected: boolean;
  /** The room's extra (its owner's), `_room` included as the stock callback has it. */
  extra: Record<string, unknown>;
}

export function parseRoomPresence(roomid: string, exists: unknown, extra: unknown): RoomPresence {
  const info = isPlainObject(extra) && isPlainObject(extra['_room']) ? extra['_room'] : {};
  return {
    exists: exists === true,
    roomid,
    isFull: info['isFull'] === true,
    // The server sends the password's length (a number) or omits it.
    isPasswordProtected: !!info['isPasswordProtected'],
    extra: isPlainObject(extra) ? extra : {},
  };
}

/**
 * The socket.io handshake query, in the stock parameter order. Passed to
 * socket.io as an object so every value is URL-encoded: stock concatenates
 * them raw, which cuts an extra containing `&` or `#` and throws on a stray `%`.
 */
export function buildHandshakeQuery(options: {
  userid: string;
  roomid: string;
  socketMessageEvent: string;
  socketCustomEvent: string;
  autoCloseEntireSession: boolean;
  maxParticipantsAllowed: number;
  extraJson: string;
}): Record<string, string> {
  return {
    userid: options.userid,
    sessionid: options.roomid,
    msgEvent: options.socketMessageEvent,
    socketCustomEvent: options.socketCustomEvent,
    autoCloseEntireSession: String(options.autoCloseEntireSession),
    maxParticipantsAllowed: String(options.maxParticipantsAllowed),
    extra: options.extraJson,
  };
}

/** A stock joiner has none; only `true` counts. */
function joinerTraits(message: Record<string, unknown>): Partial<JoinerTraits> {
  const traits = message['rtcElementsJoin'];
  if (!isPlainObject(traits)) return {};
  return {
    ...(traits['extraFollows'] === true && { extraFollows: true }),
    ...(traits['presenceOnly'] === true && { presenceOnly: true }),
  };
}
