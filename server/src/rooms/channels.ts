/**
 * The socket.io rooms every delivery goes through, so that `io.to(…)` reaches
 * the right sockets on any process once an adapter joins processes. Names are
 * JSON arrays: no userid, room id or event name can make one collide with
 * another (or with a socket id, which socket.io also uses as a room).
 */

/** Everyone in a room. */
export const roomChannel = (roomid: string): string => JSON.stringify(['room', roomid]);

/** The room's kit sockets (extension events, membership-based departures). */
export const kitChannel = (roomid: string): string => JSON.stringify(['kit', roomid]);

/** The room's stock sockets (stock's exact messages). */
export const stockChannel = (roomid: string): string => JSON.stringify(['stock', roomid]);

/** The room's kit sockets speaking one relay event: a join request goes to them in one frame. */
export const kitRelayChannel = (msgEvent: string, roomid: string): string =>
  JSON.stringify(['kit-relay', msgEvent, roomid]);

/** One member of one room speaking one relay event: a relay reaches it only if all three hold. */
export const memberChannel = (msgEvent: string, roomid: string, userid: string): string =>
  JSON.stringify(['member', msgEvent, roomid, userid]);

/** Sockets that declared a custom event name. */
export const customChannel = (name: string): string => JSON.stringify(['custom', name]);
