/**
 * Stock's `on*` callback properties, fed from the typed events in one place:
 * each callback gets stock 3.7.1's fields, and fires exactly when its typed
 * event does (so it inherits the fixes: one call per real change, no
 * self-echo). An app callback that throws surfaces as the app's own uncaught
 * error, never inside our state changes.
 */
import type { Extra } from '../protocol/extra.js';
import { parseSdpConstraints, type WirePreferences } from '../protocol/negotiation.js';
import { isDataOnly, type Envelope, type Session } from '../protocol/messages.js';
import { ConnectionSettings } from './connection-settings.js';
import type { ConnectionEventMap, ParticipantStatus } from './events.js';

/** What stock passes to `onNewParticipant`, with `extra` actually filled in. */
export interface UserPreferences extends WirePreferences {
  extra: Readonly<Extra>;
  connectionDescription: Envelope;
}

/** The stock onstream/onstreamended event object. */
export interface StockStreamEvent {
  stream: MediaStream;
  type: 'local' | 'remote';
  userid: string;
  extra: Readonly<Extra>;
  streamid: string;
  mediaElement?: HTMLMediaElement | undefined;
  isAudio: boolean;
  isVideo: boolean;
  isScreen: boolean;
}

/** Stock callback of open/join/openOrJoin: `(succeeded, roomid, error?)`. */
export type RoomCallback = (succeeded: boolean, roomid: string, error?: string) => void;

const noop = (): void => {};

/** What a joiner asked for, as stock hands it to `onNewParticipant`, seen from our side. */
export function joinerPreferences(envelope: Envelope, extra: Readonly<Extra>, session: Session): UserPreferences {
  const request = typeof envelope.message === 'object' ? envelope.message : {};
  const isOneWay = typeof request['isOneWay'] === 'boolean' ? request['isOneWay'] : !!session.oneway;
  return {
    extra,
    localPeerSdpConstraints: parseSdpConstraints(request['remotePeerSdpConstraints']),
    remotePeerSdpConstraints: parseSdpConstraints(request['localPeerSdpConstraints']),
    isOneWay,
    isDataOnly: typeof request['isDataOnly'] === 'boolean' ? request['isDataOnly'] : isDataOnly(session),
    dontGetRemoteStream: isOneWay,
    dontAttachLocalStream: request['dontGetRemoteStream'] === true,
    connectionDescription: envelope,
  };
}

/** What stock hands `onmute`/`onunmute` about the stream's tracks. */
export interface MuteSession {
  audio: boolean;
  video: boolean;
}

/** The settings plus stock's callback properties, each a no-op until the page sets it. */
export class StockCallbacks extends ConnectionSettings {
  /** A remote participant's extra really changed. */
  onExtraDataUpdated: (event: { userid: string; extra: Readonly<Extra> }) => void = noop;
  /** A remote participant came online, went stale, or went offline (left). */
  onUserStatusChanged: (event: {
    userid: string;
    status: ParticipantStatus | 'offline';
    extra: Readonly<Extra>;
  }) => void = noop;
  /** A remote participant left the room; `extra` is the last one known. */
  onleave: (event: { userid: string; extra: Readonly<Extra> }) => void = noop;
  /** The server refused our userid because another socket holds it. */
  onUserIdAlreadyTaken: (takenUserid: string, suggestedUserid: string) => void = noop;
  /** A local or remote stream started: `{stream, type: 'local'|'remote', userid, extra, streamid, mediaElement}`. */
  onstream: (event: StockStreamEvent) => void = noop;
  onstreamended: (event: StockStreamEvent) => void = noop;
  /** The data channel to a participant opened: `{userid, extra, channel}`. */
  onopen: (event: { userid: string; extra: Readonly<Extra>; channel: RTCDataChannel }) => void = noop;
  /** A message over a data channel: `{data, userid, extra, latency}`. */
  onmessage: (event: { data: unknown; userid: string; extra: Readonly<Extra>; latency: number }) => void = noop;
  onclose: (event: { userid: string; extra: Readonly<Extra> }) => void = noop;
  /** A WebRTC failure with a participant (it stays in the roster). */
  onerror: (event: { userid: string; message: string }) => void = noop;
  onmute: (event: { userid: string; streamid: string; muteType: string; session: MuteSession }) => void = noop;
  onunmute: (event: { userid: string; streamid: string; unmuteType: string; session: MuteSession }) => void = noop;
  /** getUserMedia failed: the browser's error (its `name` and `message`) and the constraints asked for. */
  onMediaError: (error: { name: string; message: string }, constraints: MediaStreamConstraints) => void = noop;
  /** `closeEntireSession()` closed the room: `{sessionid, userid, extra}`. */
  onEntireSessionClosed: (event: { sessionid: string; userid: string; extra: Readonly<Extra> }) => void = noop;
  /** Edits every SDP before it is used, local and remote (stock's hook; see `CodecsHandler`). */
  processSdp: (sdp: string) => string = (sdp) => sdp;
}

/** Runs an app callback; its exception surfaces as the app's own uncaught error, never inside our state changes. */
export function runAppCallback<A extends unknown[]>(
  thisArg: unknown,
  callback: ((...args: A) => void) | undefined,
  ...args: A
): void {
  if (typeof callback !== 'function') return;
  try {
    callback.apply(thisArg, args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** Feeds every stock callback of `target` from its typed events. */
export function bindStockCallbacks(target: StockCallbacks): void {
  const on = <K extends keyof ConnectionEventMap>(type: K, handler: (event: ConnectionEventMap[K]) => void) =>
    target.addEventListener(type, handler as EventListener);
  const call = <A extends unknown[]>(callback: (...args: A) => void, ...args: A) =>
    runAppCallback(target, callback, ...args);
  const status = (userid: string, value: ParticipantStatus | 'offline', extra: Readonly<Extra>) =>
    call(target.onUserStatusChanged, { userid, status: value, extra });

  on('participant-joined', ({ participant }) => {
    if (!participant.isLocal) status(participant.userid, 'online', participant.extra);
  });
  on('participant-left', ({ participant, reason }) => {
    // Stock fires no onleave when we leave ourselves.
    if (participant.isLocal || reason === 'we-left') return;
    status(participant.userid, 'offline', participant.extra);
    call(target.onleave, { userid: participant.userid, extra: participant.extra });
  });
  on('participant-status-changed', ({ participant }) => {
    if (!participant.isLocal) status(participant.userid, participant.status, participant.extra);
  });
  on('extra-updated', ({ userid, extra, isLocal }) => {
    if (!isLocal) call(target.onExtraDataUpdated, { userid, extra });
  });
  for (const type of ['stream', 'stream-ended'] as const) {
    on(type, (event) => {
      const stockEvent: StockStreamEvent = {
        stream: event.stream,
        type: event.isLocal ? 'local' : 'remote',
        userid: event.userid,
        extra: event.extra,
        streamid: event.streamid,
        ...(type === 'stream' ? { mediaElement: event.mediaElement } : {}),
        isAudio: event.isAudio,
        isVideo: event.isVideo,
        isScreen: event.isScreen,
      };
      call(type === 'stream' ? target.onstream : target.onstreamended, stockEvent);
    });
  }
  on('open', ({ userid, extra, channel }) => channel && call(target.onopen, { userid, extra, channel }));
  on('close', ({ userid, extra }) => call(target.onclose, { userid, extra }));
  on('message', ({ data, userid, extra, latency }) => call(target.onmessage, { data, userid, extra, latency }));
  for (const muted of [true, false]) {
    on(muted ? 'mute' : 'unmute', ({ userid, streamid, muteType }) => {
      const session = { audio: muteType !== 'video', video: muteType !== 'audio' };
      if (muted) call(target.onmute, { userid, streamid, muteType, session });
      else call(target.onunmute, { userid, streamid, unmuteType: muteType, session });
    });
  }
  on('error', ({ error }) => {
    if (error.code === 'peer-failed') {
      call(target.onerror, { userid: String(error.details['userid']), message: String(error.details['reason']) });
    }
    if (error.code === 'media-failed') {
      const { name, message, constraints } = error.details as { name: string; message: string; constraints: object };
      call(target.onMediaError, { name, message }, constraints);
    }
    if (error.code === 'ice-server-rejected') {
      call(target.onerror, { userid: '', message: error.message });
    }
    if (error.code === 'userid-already-taken') {
      call(target.onUserIdAlreadyTaken, String(error.details['userid']), String(error.details['suggestedUserid']));
    }
  });
}
