/**
 * The stock room requests: check-presence, open-room and join-room, and
 * openOrJoin's loop over them (a room can appear or vanish between the check
 * and the request).
 */
import { ClientEvent, SERVER_ROOM_INFO_KEY, ServerError } from '../../protocol/constants.js';
import { sanitizeIncomingExtra } from '../../protocol/extra.js';
import { buildRoomRequest, parseRoomPresence, type RoomPresence } from '../../protocol/messages.js';
import { parseJoinAnswer, type MemberEntry } from '../../protocol/server-extensions.js';
import type { ConnectionSettings } from '../connection-settings.js';
import { errorFromServer } from '../errors.js';
import type { LocalExtra } from '../extra/local-extra.js';
import type { ServerAnswer } from '../signaling/signaling-channel.js';
import type { MediaSession } from '../webrtc/media-session.js';

export type RoomMode = 'open' | 'join' | 'openOrJoin';

/** What entering a room came to. */
export interface Entry {
  /** We opened (own) the room, rather than joined it. */
  opened: boolean;
  /** Who was already in it, from rtc-elements-server's answer; `undefined` from any other server. */
  members: MemberEntry[] | undefined;
}

export interface RoomResult {
  roomid: string;
  /** True when this connection opened (owns) the room, false when it joined. */
  isInitiator: boolean;
}

export interface RoomRequestParts {
  settings: ConnectionSettings;
  extra: LocalExtra;
  media: MediaSession | undefined;
  request(event: string, ...args: unknown[]): Promise<ServerAnswer>;
}

/** How many times openOrJoin looks again when the room appears or vanishes between check and request. */
const OPEN_OR_JOIN_ATTEMPTS = 4;

/** Whether a room exists, with its owner's extra and the server's room info, as stock hands it back. */
export async function checkPresence(parts: RoomRequestParts, roomid: string): Promise<RoomPresence> {
  const answer = await parts.request(ClientEvent.checkPresence, roomid);
  const [exists, , extra] = answer.values;
  const sanitized = sanitizeIncomingExtra(extra, parts.settings.incomingExtraSizeLimit);
  const presence = parseRoomPresence(roomid, exists, extra);
  // Hand the room's info back the way stock does, on a clean copy of the owner's extra.
  presence.extra = {
    ...(sanitized.ok ? sanitized.extra : {}),
    [SERVER_ROOM_INFO_KEY]: { isFull: presence.isFull, isPasswordProtected: presence.isPasswordProtected },
  };
  return presence;
}

/** open-room / join-room on a connected socket. */
export async function enterRoom(parts: RoomRequestParts, roomid: string, mode: RoomMode): Promise<Entry> {
  if (mode !== 'openOrJoin') {
    const open = mode === 'open';
    const [ok, error, answer] = (await roomRequest(parts, roomid, open)).values;
    if (ok !== true) throw errorFromServer(error, roomid);
    return { opened: open, members: parseJoinAnswer(answer) };
  }
  let error: unknown;
  // With media to capture, look first (an opener captures, a one-way viewer does not); without, joining is the
  // look: a room that is not there answers "not available", and we open it. One round trip less per joiner.
  let open = parts.media ? !(await checkPresence(parts, roomid)).exists : false;
  for (let attempt = 0; attempt < OPEN_OR_JOIN_ATTEMPTS; attempt++) {
    const [ok, reason, answer] = (await roomRequest(parts, roomid, open)).values;
    if (ok === true) return { opened: open, members: parseJoinAnswer(answer) };
    error = reason;
    if (reason !== ServerError.roomNotAvailable) break;
    // Gone before our join, or taken before our open: look, then go the other way.
    open = !(await checkPresence(parts, roomid)).exists;
  }
  throw errorFromServer(error, roomid);
}

async function roomRequest(parts: RoomRequestParts, roomid: string, open: boolean): Promise<ServerAnswer> {
  const { settings, extra, media } = parts;
  // Like stock: capture first, unless the page captures itself; joiners of one-way rooms send nothing.
  if (!settings.dontCaptureUserMedia && (open || !settings.session.oneway)) await media?.captureLocalMedia();
  extra.carried();
  const request = buildRoomRequest({
    roomid,
    session: settings.session,
    extra: extra.value,
    password: settings.password,
    identifier: settings.publicRoomIdentifier,
  });
  return parts.request(open ? ClientEvent.openRoom : ClientEvent.joinRoom, request);
}
