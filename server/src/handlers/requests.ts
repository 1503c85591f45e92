/**
 * The client events the server answers, each to its handler: one table for
 * every socket (the relay event and custom events, named per socket, are the
 * session's own). Handlers get the arguments the client sent, without the
 * acknowledgement, and the acknowledgement apart.
 */
import { ClientEvent } from '../../../src/protocol/constants.js';
import type { Membership } from '../rooms/membership.js';
import type { Ack, Caller } from './caller.js';
import type { CustomEvents } from './custom-events.js';
import type { Relay } from './relay.js';
import type { RoomRequests } from './room-requests.js';
import type { UserRequests } from './user-requests.js';

export interface Handlers {
  rooms: RoomRequests;
  relay: Relay;
  users: UserRequests;
  membership: Membership;
}

/** A session as a request handler sees it: the caller, and its custom events. */
export interface RequestingSession extends Caller {
  readonly customEvents: CustomEvents;
}

export type RequestHandler = (session: RequestingSession, args: unknown[], ack: Ack) => void;

export function requestHandlers({ rooms, users }: Handlers): ReadonlyMap<string, RequestHandler> {
  return new Map<string, RequestHandler>([
    [ClientEvent.extraDataUpdated, (session, [extra]) => users.extraUpdated(session, extra)],
    [ClientEvent.openRoom, (session, [arg], ack) => rooms.open(session, arg, ack)],
    [ClientEvent.joinRoom, (session, [arg], ack) => rooms.join(session, arg, ack)],
    [ClientEvent.checkPresence, (_session, [roomid], ack) => rooms.checkPresence(roomid, ack)],
    [ClientEvent.getPublicRooms, (_session, [identifier], ack) => rooms.publicRooms(identifier, ack)],
    [ClientEvent.setPassword, (session, [password], ack) => rooms.setPassword(session, password, ack)],
    [
      ClientEvent.isValidPassword,
      (session, [password, roomid], ack) => rooms.isValidPassword(session, password, roomid, ack),
    ],
    [ClientEvent.closeEntireSession, (session, _args, ack) => rooms.closeEntireSession(session, ack)],
    [ClientEvent.getRemoteUserExtraData, (session, [userid], ack) => users.remoteExtra(session, userid, ack)],
    [ClientEvent.changedUuid, (session, [userid], ack) => users.changeUserid(session, userid, ack)],
    [ClientEvent.disconnectWith, (session, [userid], ack) => users.disconnectWith(session, userid, ack)],
    [ClientEvent.setCustomSocketEventListener, (session, [name]) => session.customEvents.declare(name)],
  ]);
}
