/**
 * Who is in the room, from what the server says: join requests, relayed
 * messages, extra pushes and disconnects become roster changes. Extra is only
 * ever taken from the server by userid (never from a message's claimed
 * sender), a fetched extra yields to a newer push, and a goodbye that came
 * from another socket is refused.
 */
import { ClientEvent, ServerError } from '../../protocol/constants.js';
import { jsonEquals, sanitizeIncomingExtra, type Extra } from '../../protocol/extra.js';
import { isValidId } from '../../protocol/ids.js';
import {
  buildPresence,
  classifyMessage,
  parseEnvelope,
  type Envelope,
  type JoinerTraits,
  type RoomSignal,
} from '../../protocol/messages.js';
import type { MemberEntry } from '../../protocol/server-extensions.js';
import { parseNegotiation, type Negotiation } from '../../protocol/negotiation.js';
import { RtcError } from '../errors.js';
import { pause } from '../session/session-state.js';
import type { ServerAnswer } from '../signaling/signaling-channel.js';
import { AdmissionRate } from './admission-rate.js';
import type { Roster } from './roster.js';

/** What the admissions need from the connection. */
export interface AdmissionsHost {
  userid(): string;
  /** The room we are in, if any. */
  roomid(): string | undefined;
  /** The current attempt's signal: answers that arrive after it aborted change nothing. */
  signal(): AbortSignal;
  incomingExtraSizeLimit(): number;
  maxListedParticipants(): number;
  admissionsPerSecond(): number;
  request(event: string, ...args: unknown[]): Promise<ServerAnswer>;
  /** Server events received so far (`SignalingChannel.arrivals`). */
  arrivals(): number;
  /**
   * The server is rtc-elements-server (`SignalingChannel.extended`): it stamps
   * each join request with the joiner's extra, sends a kit member one copy
   * addressed to the room, and tells us of every departure without links.
   */
  extended(): boolean;
  relay(userid: string, message: object): void;
  /** A WebRTC negotiation message from a participant. */
  negotiate(userid: string, negotiation: Negotiation): void;
  /** A joiner the server confirmed: time to offer it a peer connection (unless it wants none). */
  joinRequested(envelope: Envelope, traits: Partial<JoinerTraits>): void;
  report(error: RtcError): void;
}

/** What the server said about a userid's extra. */
export type ExtraLookup =
  /**
   * `extra` undefined: keep what we have (a newer push overtook the answer, or the answer was malformed).
   * `order`: the signaling arrivals when the extra was current; a push that arrives later is newer.
   */
  | { readonly status: 'present'; readonly extra: Extra | undefined; readonly order: number }
  | { readonly status: 'absent' }
  /** No answer (a timeout, a dropped connection): the user may well still be there. */
  | { readonly status: 'unanswered'; readonly error: RtcError };

/**
 * Where a newcomer's extra comes from: `lookup` asks the server by userid;
 * `push` waits for the joiner's own `extra-data-updated` (server-stamped with
 * its userid), which it promised in its join request; `{extra}` is the extra
 * the server stamped on the newcomer's message. That stamp is the sending
 * socket's extra: a socket relaying in another userid's name shows its own
 * extra under that name, as it could by choosing a userid and an extra of its
 * own on a server without authentication (the goodbye check still compares).
 */
export type ExtraSource = 'lookup' | 'push' | { readonly extra: Extra };

/**
 * How long a joiner that said its extra follows has to push it before we ask
 * the server instead (the push normally comes right behind the request).
 */
export const EXTRA_PUSH_WAIT_MS = 2000;

export class Admissions {
  readonly #pending = new Map<string, Promise<boolean>>();
  /** Joiners whose own push will bring their extra: how to hand it over. */
  readonly #awaitingPush = new Map<string, (extra: Extra | undefined) => void>();
  /** When each participant's extra was last pushed, in `arrivals`: a fetch answered before that is older. */
  readonly #lastPushAt = new Map<string, number>();
  /** Pushes from participants not listed yet whose admission is under way: newer than what the admission took. */
  readonly #pushesDuringAdmission = new Map<string, Extra>();
  readonly #rate: AdmissionRate;
  #limitReportedAt = -Infinity;

  constructor(
    private readonly roster: Roster,
    private readonly host: AdmissionsHost,
  ) {
    this.#rate = new AdmissionRate(() => host.admissionsPerSecond());
  }

  /** `extra-data-updated`: the server stamps the userid, so the extra really is that user's. */
  extraPushed(userid: unknown, extra: unknown): void {
    if (!isValidId(userid)) return this.#invalid('an extra update without a valid userid');
    const awaited = this.#awaitingPush.get(userid);
    const admitting = !awaited && !this.roster.has(userid) && this.#pending.has(userid);
    // Self-echo, and users not heard of yet (the fetch that admits them covers their update).
    if (userid === this.host.userid() || (!awaited && !admitting && !this.roster.has(userid))) return;
    const sanitized = sanitizeIncomingExtra(extra, this.host.incomingExtraSizeLimit());
    if (!sanitized.ok) return this.#invalid(`ignored the extra of "${userid}": ${sanitized.message}`, userid);
    if (awaited) return awaited(sanitized.extra);
    this.#lastPushAt.set(userid, this.host.arrivals());
    if (admitting) {
      // The admission settles later (a promise): it lists this newer extra instead of the one it took.
      if (sanitized.extra) this.#pushesDuringAdmission.set(userid, sanitized.extra);
      return;
    }
    this.roster.revive(userid);
    if (sanitized.extra) this.roster.updateExtra(userid, sanitized.extra);
  }

  /** A message relayed by the server: goodbyes, join requests, presence answers, WebRTC negotiation. */
  message(raw: unknown): void {
    const envelope = parseEnvelope(raw);
    if (!envelope) return this.#invalid('a relayed message without valid ids or body');
    const { sender } = envelope;
    const roomid = this.host.roomid();
    if (sender === this.host.userid() || roomid === undefined) return;
    const signal = classifyMessage(envelope.message);
    const extended = this.host.extended();
    const toRoom = extended && signal.kind === 'join-request' && envelope.remoteUserId === roomid;
    if (envelope.remoteUserId !== this.host.userid() && !toRoom) return;
    if (signal.kind === 'user-left') return this.#goodbye(envelope);
    if (signal.kind === 'presence' && signal.roomid !== roomid) return;
    if (signal.kind === 'other') {
      const negotiation = parseNegotiation(envelope.message);
      if (!negotiation) return this.#invalid(`an unknown message from "${sender}"`, sender);
      this.host.negotiate(sender, negotiation);
    }
    // Answer a join request at once: the server then links us, so it tells the joiner about us and us when it leaves.
    // rtc-elements-server needs no link for that, and listed us in the joiner's answer.
    if (signal.kind === 'join-request' && !extended) this.host.relay(sender, buildPresence(roomid));
    // The fetch travels behind our answer: if the joiner still exists for it, the link was made.
    const refresh = signal.kind === 'join-request' || this.roster.get(sender)?.status === 'stale';
    void this.admit(sender, refresh, this.#extraSource(envelope, signal)).then((admitted) => {
      if (admitted && signal.kind === 'join-request') this.host.joinRequested(envelope, signal.traits);
    });
  }

  /** The server lost a participant's socket: stale now, gone after the grace period unless it comes back. */
  userDisconnected(userid: unknown): void {
    if (!isValidId(userid) || userid === this.host.userid()) return;
    this.roster.markStale(userid, true);
  }

  /**
   * Makes sure a participant is listed with its server-held extra. Resolves to
   * whether it is in the room; a participant the server does not know goes
   * stale, one we got no answer about stays as it was. Where the extra comes
   * from: see `ExtraSource`.
   */
  admit(userid: string, refresh: boolean, source: ExtraSource = 'lookup'): Promise<boolean> {
    if (!refresh && this.roster.has(userid)) {
      this.roster.revive(userid);
      return Promise.resolve(true);
    }
    const pending = this.#pending.get(userid);
    if (pending) return pending;
    const isNew = !this.roster.has(userid);
    if (isNew && this.roster.size + this.#pending.size >= this.host.maxListedParticipants()) {
      this.#limitReached(userid);
      return Promise.resolve(false);
    }
    const signal = this.host.signal();
    const order = this.host.arrivals();
    const delay = isNew ? this.#rate.delay(Date.now()) : 0;
    const fetch = (): Promise<ExtraLookup> => {
      if (source === 'push') return this.#pushOrLookup(userid, signal);
      // A stamped extra is only as fresh as its message: after a wait, ask.
      if (source === 'lookup' || delay > 0) return this.lookup(userid);
      return Promise.resolve({ status: 'present', extra: source.extra, order });
    };
    // The lookup leaves at once unless the rate makes it wait: a join request's fetch must follow our answer.
    const lookup = delay > 0 ? pause(delay, signal).then(fetch) : fetch();
    const admission = lookup.then((result) => {
      if (this.#pending.get(userid) === admission) this.#pending.delete(userid);
      const pushed = this.#pushesDuringAdmission.get(userid);
      this.#pushesDuringAdmission.delete(userid);
      if (signal.aborted || this.host.roomid() === undefined) return false;
      if (result.status === 'absent') {
        this.roster.markStale(userid, true);
        return false;
      }
      if (result.status === 'unanswered') {
        if (result.error.code === 'timeout') this.host.report(result.error);
        return this.roster.has(userid);
      }
      // A push that arrived after the extra was taken (in the same batch of packets, say) is newer: it stands.
      const overtaken = (this.#lastPushAt.get(userid) ?? 0) > result.order;
      const extra = pushed ?? (overtaken ? undefined : result.extra);
      this.roster.upsert(userid, extra ?? this.roster.get(userid)?.extra ?? {});
      return true;
    });
    this.#pending.set(userid, admission);
    return admission;
  }

  /** Resolves once a pending admission of this participant settled. */
  async settled(userid: string): Promise<void> {
    await this.#pending.get(userid);
  }

  /** Asks the server for a userid's extra; a newer push than the answer wins. */
  async lookup(userid: string): Promise<ExtraLookup> {
    let answer: ServerAnswer;
    try {
      answer = await this.host.request(ClientEvent.getRemoteUserExtraData, userid);
    } catch (error) {
      return { status: 'unanswered', error: RtcError.from(error) };
    }
    const [extra] = answer.values;
    if (extra === ServerError.useridNotAvailable) return { status: 'absent' };
    const { order } = answer;
    if ((this.#lastPushAt.get(userid) ?? 0) > order) return { status: 'present', extra: undefined, order };
    const sanitized = sanitizeIncomingExtra(extra, this.host.incomingExtraSizeLimit());
    if (!sanitized.ok) {
      this.#invalid(`ignored the extra of "${userid}": ${sanitized.message}`, userid);
      return { status: 'present', extra: undefined, order };
    }
    return { status: 'present', extra: sanitized.extra, order };
  }

  /** We left the room: forget pending work (its answers are ignored) and push order. */
  reset(): void {
    this.#pending.clear();
    this.#lastPushAt.clear();
    this.#awaitingPush.clear();
    this.#pushesDuringAdmission.clear();
  }

  /**
   * Everyone already in the room, as rtc-elements-server's answer to our
   * join lists them with the extra it holds: listed at once, nobody asked.
   */
  listMembers(members: readonly MemberEntry[]): void {
    const order = this.host.arrivals();
    for (const { userid, extra } of members) {
      if (userid === this.host.userid()) continue;
      const sanitized = sanitizeIncomingExtra(extra, this.host.incomingExtraSizeLimit());
      if (!sanitized.ok) this.#invalid(`ignored the extra of "${userid}": ${sanitized.message}`, userid);
      if (!this.roster.has(userid) && this.roster.size >= this.host.maxListedParticipants()) {
        this.#limitReached(userid);
        continue;
      }
      // As fresh as a push arriving with the answer: a lookup answered before it is older.
      this.#lastPushAt.set(userid, order);
      const listed = sanitized.ok ? sanitized.extra : undefined;
      this.roster.upsert(userid, listed ?? this.roster.get(userid)?.extra ?? {});
    }
  }

  /** Where a newcomer's extra comes from, without a round trip where the protocol allows. */
  #extraSource(envelope: Envelope, signal: RoomSignal): ExtraSource {
    if (signal.kind === 'join-request') {
      // rtc-elements-server stamps a join request with the joiner's extra; other servers route it with none (or with
      // whatever the joiner wrote there), so a joiner of ours pushes its extra right behind the request.
      if (this.host.extended()) return this.#stamped(envelope) ?? 'lookup';
      return signal.traits.extraFollows ? 'push' : 'lookup';
    }
    // Other messages carry the sending socket's extra, stamped by the server at relay time.
    return this.#stamped(envelope) ?? 'lookup';
  }

  #stamped(envelope: Envelope): ExtraSource | undefined {
    const stamped = sanitizeIncomingExtra(envelope.extra, this.host.incomingExtraSizeLimit());
    return stamped.ok && stamped.extra ? { extra: stamped.extra } : undefined;
  }

  /** The participant's next push, or, when none comes in time, the server's answer. */
  #pushOrLookup(userid: string, signal: AbortSignal): Promise<ExtraLookup> {
    return new Promise((resolve) => {
      const settle = (lookup: ExtraLookup | Promise<ExtraLookup>) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', abandon);
        if (this.#awaitingPush.get(userid) === handOver) this.#awaitingPush.delete(userid);
        resolve(lookup);
      };
      const handOver = (extra: Extra | undefined) => {
        const order = this.host.arrivals();
        this.#lastPushAt.set(userid, order);
        settle({ status: 'present', extra, order });
      };
      const abandon = () => settle({ status: 'unanswered', error: new RtcError('left', 'left the room') });
      const timer = setTimeout(() => settle(this.lookup(userid)), EXTRA_PUSH_WAIT_MS);
      signal.addEventListener('abort', abandon, { once: true });
      this.#awaitingPush.set(userid, handOver);
    });
  }

  /**
   * The server relays whatever sender a client claims, but attaches the extra
   * of the socket that sent it: a goodbye carrying someone else's extra is not
   * the participant's own.
   */
  #goodbye(envelope: Envelope): void {
    const known = this.roster.get(envelope.sender);
    const attached = sanitizeIncomingExtra(envelope.extra, this.host.incomingExtraSizeLimit());
    if (known && attached.ok && !jsonEquals(attached.extra ?? {}, known.extra)) {
      return this.#invalid(`refused a goodbye in the name of "${envelope.sender}" that came from another socket`);
    }
    this.roster.remove(envelope.sender, 'goodbye');
  }

  /** Reported at most once a second: a flood must not become a flood of error events. */
  #limitReached(userid: string): void {
    const now = Date.now();
    if (now - this.#limitReportedAt < 1000) return;
    this.#limitReportedAt = now;
    const limit = this.host.maxListedParticipants();
    this.host.report(
      new RtcError('limit-reached', `not listing "${userid}" and others: ${limit} participants are listed`, { userid }),
    );
  }

  #invalid(message: string, userid?: string): void {
    this.host.report(new RtcError('invalid-input', message, userid === undefined ? {} : { userid }));
  }
}
