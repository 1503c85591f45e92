/**
 * The participants of the current room, built from signaling (never from
 * RTCPeerConnections), with their extra and presence status. Changes come in as
 * calls and go out as listener calls, one per real change.
 */
import { changedKeys, jsonEquals, type Extra } from '../../protocol/extra.js';
import type { LeaveReason, Participant, ParticipantStatus, PeerState } from '../events.js';
import { recordExtraChange } from './extra-changes.js';

export interface RosterListener {
  participantJoined(participant: Participant): void;
  participantLeft(participant: Participant, reason: LeaveReason): void;
  extraUpdated(participant: Participant, previous: Readonly<Extra>, changed: string[]): void;
  statusChanged(participant: Participant, previous: ParticipantStatus): void;
  peerChanged(participant: Participant, previous: Participant): void;
}

/** How many departed participants' last extra is remembered (stock's `peersBackup`, bounded). */
const DEPARTED_MEMORY = 1000;

export class Roster {
  readonly #participants = new Map<string, Participant>();
  readonly #graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #departed = new Map<string, Readonly<Extra>>();

  constructor(
    private readonly listener: RosterListener,
    private readonly gracePeriod: () => number,
    /** The clock changes are recorded on (`extraChangedAt`): ms since the epoch. */
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(userid: string): Participant | undefined {
    return this.#participants.get(userid);
  }

  get size(): number {
    return this.#participants.size;
  }

  has(userid: string): boolean {
    return this.#participants.has(userid);
  }

  /** Self first, then the others in order of arrival. */
  list(): Participant[] {
    return [...this.#participants.values()];
  }

  remotes(): Participant[] {
    return this.list().filter((participant) => !participant.isLocal);
  }

  /** Extra of a current or departed participant. */
  lastKnownExtra(userid: string): Readonly<Extra> | undefined {
    return this.#participants.get(userid)?.extra ?? this.#departed.get(userid);
  }

  /** Adds or updates a participant with the given extra; a stale one comes back online. */
  upsert(userid: string, extra: Extra, isLocal = false): void {
    const existing = this.#participants.get(userid);
    if (!existing) {
      const participant = snapshot({ userid, extra, status: 'online', isLocal, streams: [] });
      this.#participants.set(userid, participant);
      this.#departed.delete(userid);
      this.listener.participantJoined(participant);
      return;
    }
    this.revive(userid);
    this.updateExtra(userid, extra);
  }

  /** Applies an extra to a known participant; returns whether anything changed. */
  updateExtra(userid: string, extra: Extra): boolean {
    const existing = this.#participants.get(userid);
    if (!existing || jsonEquals(existing.extra, extra)) return false;
    const changed = changedKeys(existing.extra, extra);
    const extraChangedAt = recordExtraChange(existing.extraChangedAt, changed, extra, this.now());
    const participant = snapshot({ ...existing, extra, extraChangedAt });
    this.#participants.set(userid, participant);
    this.listener.extraUpdated(participant, existing.extra, changed);
    return true;
  }

  /** The WebRTC side of a participant changed: its peer state or its streams. */
  updatePeer(userid: string, change: { peerState?: PeerState | undefined; streams?: readonly MediaStream[] }): void {
    const existing = this.#participants.get(userid);
    if (!existing) return;
    const sameStreams = change.streams === undefined || sameItems(change.streams, existing.streams);
    if ((!('peerState' in change) || change.peerState === existing.peerState) && sameStreams) return;
    const participant = snapshot({ ...existing, ...change, streams: sameStreams ? existing.streams : change.streams! });
    this.#participants.set(userid, participant);
    this.listener.peerChanged(participant, existing);
  }

  /** A stale participant showed a sign of life: back online, grace timer cancelled. */
  revive(userid: string): void {
    this.#cancelGrace(userid);
    const existing = this.#participants.get(userid);
    if (existing?.status === 'stale') this.#setStatus(existing, 'online');
  }

  /**
   * The participant vanished from signaling. It stays listed as `stale` and is
   * dropped when the grace period runs out, unless it comes back first.
   * `startGrace: false` defers the countdown (used while we ourselves are
   * offline and cannot tell who really left).
   */
  markStale(userid: string, startGrace: boolean): void {
    const existing = this.#participants.get(userid);
    if (!existing || existing.isLocal) return;
    if (existing.status !== 'stale') this.#setStatus(existing, 'stale');
    if (startGrace) this.#startGrace(userid);
  }

  markAllStale(startGrace: boolean): void {
    for (const participant of this.remotes()) this.markStale(participant.userid, startGrace);
  }

  /** Starts the countdown for every stale participant that has none yet. */
  startPendingGrace(): void {
    for (const participant of this.remotes()) {
      if (participant.status === 'stale') this.#startGrace(participant.userid);
    }
  }

  remove(userid: string, reason: LeaveReason): void {
    this.#cancelGrace(userid);
    const existing = this.#participants.get(userid);
    if (!existing) return;
    this.#participants.delete(userid);
    this.#remember(userid, existing.extra);
    this.listener.participantLeft(existing, reason);
  }

  /** Empties the roster (we left the room), the local participant last. */
  clear(): void {
    const everyone = this.list();
    for (const participant of [...everyone.filter((p) => !p.isLocal), ...everyone.filter((p) => p.isLocal)]) {
      this.remove(participant.userid, 'we-left');
    }
  }

  #setStatus(existing: Participant, status: ParticipantStatus): void {
    const participant = snapshot({ ...existing, status });
    this.#participants.set(existing.userid, participant);
    this.listener.statusChanged(participant, existing.status);
  }

  #startGrace(userid: string): void {
    if (this.#graceTimers.has(userid)) return;
    this.#graceTimers.set(
      userid,
      setTimeout(() => {
        this.#graceTimers.delete(userid);
        if (this.#participants.get(userid)?.status === 'stale') this.remove(userid, 'lost');
      }, this.gracePeriod()),
    );
  }

  #cancelGrace(userid: string): void {
    clearTimeout(this.#graceTimers.get(userid));
    this.#graceTimers.delete(userid);
  }

  #remember(userid: string, extra: Readonly<Extra>): void {
    this.#departed.delete(userid);
    this.#departed.set(userid, extra);
    if (this.#departed.size > DEPARTED_MEMORY) {
      const oldest = this.#departed.keys().next().value as string;
      this.#departed.delete(oldest);
    }
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function snapshot(fields: Participant): Participant {
  const participant: Participant = {
    userid: fields.userid,
    extra: deepFreeze(fields.extra),
    status: fields.status,
    isLocal: fields.isLocal,
    streams: Object.isFrozen(fields.streams) ? fields.streams : Object.freeze([...fields.streams]),
  };
  // Optional fields are absent, not undefined, until they have a value.
  return Object.freeze({
    ...participant,
    ...(fields.peerState && { peerState: fields.peerState }),
    ...(fields.extraChangedAt && { extraChangedAt: fields.extraChangedAt }),
  });
}

/** Roster extras are shared with every listener; freezing keeps one listener from corrupting them for all. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
