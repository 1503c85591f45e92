/** Roster: listener calls per change, grace-period timers (mocked), departed memory, frozen snapshots. */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { LeaveReason, Participant, ParticipantStatus } from '../../src/core/events.js';
import { Roster, type RosterListener } from '../../src/core/participants/roster.js';
import type { Extra } from '../../src/protocol/extra.js';
import { useMockTimers } from './support.js';

type Call =
  | ['participantJoined', Participant]
  | ['participantLeft', Participant, LeaveReason]
  | ['extraUpdated', Participant, Readonly<Extra>, string[]]
  | ['statusChanged', Participant, ParticipantStatus]
  | ['peerChanged', Participant, Participant];

const GRACE = 100;

/** A roster whose listener records every call; `take()` returns the calls so far and forgets them. */
function setup(initialGrace = GRACE) {
  const calls: Call[] = [];
  let grace = initialGrace;
  let graceReads = 0;
  const listener: RosterListener = {
    participantJoined: (participant) => calls.push(['participantJoined', participant]),
    participantLeft: (participant, reason) => calls.push(['participantLeft', participant, reason]),
    extraUpdated: (participant, previous, changed) => calls.push(['extraUpdated', participant, previous, changed]),
    statusChanged: (participant, previous) => calls.push(['statusChanged', participant, previous]),
    peerChanged: (participant, previous) => calls.push(['peerChanged', participant, previous]),
  };
  const roster = new Roster(listener, () => {
    graceReads += 1;
    return grace;
  });
  return {
    roster,
    take: (): Call[] => calls.splice(0),
    setGrace: (ms: number) => (grace = ms),
    graceReads: () => graceReads,
  };
}

/** A roster holding `a`, just marked stale with its grace countdown running, and no calls recorded yet. */
function withStale(extra: Extra = {}) {
  const context = setup();
  context.roster.upsert('a', extra);
  context.roster.markStale('a', true);
  context.take();
  return context;
}

/** The snapshot the roster should hold: online, remote, no streams, no peer state unless given. */
function row(userid: string, extra: Extra, fields: Partial<Participant> = {}): Participant {
  return { userid, extra, status: 'online', isLocal: false, streams: [], ...fields };
}

const stream = (id: string) => ({ id }) as unknown as MediaStream;
const ids = (participants: Participant[]) => participants.map((participant) => participant.userid);

/** `p0`, `p1`, … join with extra `{index}` and leave, one after the other. */
function departInTurn(roster: Roster, count: number): void {
  for (let index = 0; index < count; index += 1) {
    roster.upsert(`p${index}`, { index });
    roster.remove(`p${index}`, 'goodbye');
  }
}

describe('Roster', () => {
  useMockTimers();

  describe('upsert', () => {
    it('adds a newcomer online with one participantJoined, and the roster already holds it during the call', () => {
      const calls: string[] = [];
      const roster: Roster = new Roster(
        {
          participantJoined: (participant) => calls.push(`joined ${String(roster.get('a') === participant)}`),
          participantLeft: () => calls.push('left'),
          extraUpdated: () => calls.push('extra'),
          statusChanged: () => calls.push('status'),
          peerChanged: () => calls.push('peer'),
        },
        () => GRACE,
      );
      roster.upsert('a', { name: 'Ada' });
      assert.deepEqual(calls, ['joined true']);
      assert.deepEqual(roster.get('a'), row('a', { name: 'Ada' }));
      assert.equal(roster.has('a'), true);
      assert.equal('peerState' in roster.get('a')!, false);
    });

    it('marks the local participant with isLocal and leaves it out of remotes()', () => {
      const { roster, take } = setup();
      roster.upsert('me', { name: 'Me' }, true);
      roster.upsert('b', {});
      assert.deepEqual(take(), [
        ['participantJoined', row('me', { name: 'Me' }, { isLocal: true })],
        ['participantJoined', row('b', {})],
      ]);
      assert.deepEqual(ids(roster.list()), ['me', 'b']);
      assert.deepEqual(ids(roster.remotes()), ['b']);
    });

    it('calls nothing when a known participant comes again with a deep-equal extra (other key order)', () => {
      const { roster, take } = setup();
      roster.upsert('a', { x: 1, nested: { p: [1, 2], q: null } });
      const before = roster.get('a');
      take();
      roster.upsert('a', { nested: { q: null, p: [1, 2] }, x: 1 });
      assert.deepEqual(take(), []);
      assert.equal(roster.get('a'), before, 'the snapshot is not replaced without a change');
    });

    it('updates the extra of a known online participant with one extraUpdated', () => {
      const { roster, take } = setup();
      roster.upsert('a', { name: 'Ada' });
      const first = roster.get('a')!;
      take();
      roster.upsert('a', { name: 'Ada L.' });
      assert.deepEqual(take(), [
        ['extraUpdated', row('a', { name: 'Ada L.' }, { extraChangedAt: { name: 0 } }), { name: 'Ada' }, ['name']],
      ]);
      assert.equal(first.extra['name'], 'Ada', 'the earlier snapshot is left as it was');
    });

    it('ignores isLocal for a participant it already knows', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      take();
      roster.upsert('a', {}, true);
      assert.equal(roster.get('a')!.isLocal, false);
      assert.deepEqual(take(), []);
    });

    it('revives a stale participant: statusChanged to online first, then extraUpdated, and the grace timer is off', () => {
      const { roster, take } = withStale({ v: 1 });
      mock.timers.tick(50);
      roster.upsert('a', { v: 2 });
      assert.deepEqual(take(), [
        ['statusChanged', row('a', { v: 1 }), 'stale'],
        ['extraUpdated', row('a', { v: 2 }, { extraChangedAt: { v: 50 } }), { v: 1 }, ['v']],
      ]);
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), []);
      assert.equal(roster.get('a')!.status, 'online');
    });

    it('revives a stale participant whose extra did not change with a statusChanged only', () => {
      const { roster, take } = withStale({ v: 1 });
      roster.upsert('a', { v: 1 });
      assert.deepEqual(take(), [['statusChanged', row('a', { v: 1 }), 'stale']]);
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), []);
    });

    it('brings a departed participant back as a newcomer, with its new extra as its last known one', () => {
      const { roster, take } = setup();
      roster.upsert('a', { v: 1 });
      roster.remove('a', 'goodbye');
      take();
      roster.upsert('a', { v: 2 });
      assert.deepEqual(take(), [['participantJoined', row('a', { v: 2 })]]);
      roster.remove('a', 'goodbye');
      assert.deepEqual(roster.lastKnownExtra('a'), { v: 2 });
    });
  });

  describe('updateExtra', () => {
    it('returns false and calls nothing for an unknown participant', () => {
      const { roster, take } = setup();
      assert.equal(roster.updateExtra('ghost', { v: 1 }), false);
      assert.deepEqual(take(), []);
      assert.equal(roster.has('ghost'), false);
    });

    it('returns false and calls nothing for a deep-equal extra', () => {
      const { roster, take } = setup();
      roster.upsert('a', { list: [{ k: 'v' }], n: 0 });
      take();
      assert.equal(roster.updateExtra('a', { n: 0, list: [{ k: 'v' }] }), false);
      assert.deepEqual(take(), []);
    });

    it('passes the previous extra itself and the top-level keys added, removed or changed', () => {
      const { roster, take } = setup();
      roster.upsert('a', { same: 1, gone: true, deep: { x: 1 } });
      const previous = roster.get('a')!.extra;
      take();
      assert.equal(roster.updateExtra('a', { same: 1, deep: { x: 2 }, added: 'yes' }), true);
      const calls = take();
      assert.deepEqual(calls, [
        [
          'extraUpdated',
          row('a', { same: 1, deep: { x: 2 }, added: 'yes' }, { extraChangedAt: { gone: 0, deep: 0, added: 0 } }),
          previous,
          ['gone', 'deep', 'added'],
        ],
      ]);
      assert.equal(calls[0]![2], previous);
    });

    it('does not revive a stale participant, whose grace period then still runs out', () => {
      const { roster, take } = withStale({ v: 1 });
      mock.timers.tick(50);
      assert.equal(roster.updateExtra('a', { v: 2 }), true);
      const stale = row('a', { v: 2 }, { status: 'stale', extraChangedAt: { v: 50 } });
      assert.deepEqual(take(), [['extraUpdated', stale, { v: 1 }, ['v']]]);
      mock.timers.tick(GRACE - 50);
      assert.deepEqual(take(), [['participantLeft', stale, 'lost']]);
    });
  });

  describe('updatePeer', () => {
    it('calls nothing for an unknown participant', () => {
      const { roster, take } = setup();
      roster.updatePeer('ghost', { peerState: 'connected' });
      assert.deepEqual(take(), []);
      assert.equal(roster.has('ghost'), false);
    });

    it('reports a peer-state change with the previous snapshot itself, and nothing when it repeats', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      const before = roster.get('a')!;
      take();
      roster.updatePeer('a', { peerState: 'connecting' });
      const calls = take();
      assert.deepEqual(calls, [['peerChanged', row('a', {}, { peerState: 'connecting' }), before]]);
      assert.equal(calls[0]![2], before);
      roster.updatePeer('a', { peerState: 'connecting' });
      roster.updatePeer('a', {});
      assert.deepEqual(take(), []);
      roster.updatePeer('a', { peerState: 'connected' });
      assert.deepEqual(take(), [
        ['peerChanged', row('a', {}, { peerState: 'connected' }), row('a', {}, { peerState: 'connecting' })],
      ]);
    });

    it('drops the peer state when it is set to undefined', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      roster.updatePeer('a', { peerState: 'failed' });
      take();
      roster.updatePeer('a', { peerState: undefined });
      assert.deepEqual(take(), [['peerChanged', row('a', {}), row('a', {}, { peerState: 'failed' })]]);
      assert.equal('peerState' in roster.get('a')!, false);
    });

    it('keeps a frozen copy of new streams, so the caller changing its array changes nothing', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      take();
      const mine = [stream('s1')];
      roster.updatePeer('a', { streams: mine });
      const held = roster.get('a')!.streams;
      assert.deepEqual(take(), [['peerChanged', row('a', {}, { streams: [stream('s1')] }), row('a', {})]]);
      assert.notEqual(held, mine);
      assert.equal(Object.isFrozen(held), true);
      mine.push(stream('s2'));
      assert.deepEqual(roster.get('a')!.streams, [stream('s1')]);
      roster.updatePeer('a', { streams: held });
      assert.deepEqual(take(), [], 'the same frozen array back is no change');
    });

    it('does not revive a stale participant', () => {
      const { roster, take } = withStale();
      roster.updatePeer('a', { peerState: 'connected' });
      assert.deepEqual(take(), [
        ['peerChanged', row('a', {}, { status: 'stale', peerState: 'connected' }), row('a', {}, { status: 'stale' })],
      ]);
      mock.timers.tick(GRACE);
      assert.deepEqual(take(), [
        ['participantLeft', row('a', {}, { status: 'stale', peerState: 'connected' }), 'lost'],
      ]);
    });
  });

  describe('revive', () => {
    it('calls nothing for an online or unknown participant', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      take();
      roster.revive('a');
      roster.revive('ghost');
      assert.deepEqual(take(), []);
    });

    it('brings a stale participant online with one statusChanged and cancels its grace timer', () => {
      const { roster, take } = withStale();
      mock.timers.tick(GRACE - 1);
      roster.revive('a');
      assert.deepEqual(take(), [['statusChanged', row('a', {}), 'stale']]);
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), []);
      assert.equal(roster.get('a')!.status, 'online');
    });

    it('lets a later markStale start a fresh, full grace period', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      roster.markStale('a', true);
      mock.timers.tick(80);
      roster.revive('a');
      roster.markStale('a', true);
      take();
      mock.timers.tick(GRACE - 1);
      assert.deepEqual(take(), [], 'the first timer (due at 100) was cancelled');
      mock.timers.tick(1);
      assert.deepEqual(take(), [['participantLeft', row('a', {}, { status: 'stale' }), 'lost']]);
    });
  });

  describe('markStale and the grace period', () => {
    it('keeps a stale participant listed until exactly the grace period, then removes it (99 ms vs 100 ms)', () => {
      const { roster, take } = setup();
      roster.upsert('a', { name: 'Ada' });
      take();
      roster.markStale('a', true);
      assert.deepEqual(take(), [['statusChanged', row('a', { name: 'Ada' }, { status: 'stale' }), 'online']]);
      mock.timers.tick(GRACE - 1);
      assert.deepEqual(take(), []);
      assert.equal(roster.get('a')!.status, 'stale');
      mock.timers.tick(1);
      assert.deepEqual(take(), [['participantLeft', row('a', { name: 'Ada' }, { status: 'stale' }), 'lost']]);
      assert.equal(roster.has('a'), false);
      assert.deepEqual(roster.lastKnownExtra('a'), { name: 'Ada' });
    });

    it('does not restart a running countdown or report the status twice when marked stale again', () => {
      const { roster, take } = withStale();
      mock.timers.tick(60);
      roster.markStale('a', true);
      assert.deepEqual(take(), []);
      mock.timers.tick(GRACE - 60);
      assert.deepEqual(take(), [['participantLeft', row('a', {}, { status: 'stale' }), 'lost']]);
    });

    it('startPendingGrace gives no countdown to online participants, who get a full one when they go stale', () => {
      const { roster, take } = setup();
      roster.upsert('me', {}, true);
      roster.upsert('a', {});
      roster.startPendingGrace();
      mock.timers.tick(50);
      roster.markStale('a', true);
      take();
      mock.timers.tick(GRACE - 1);
      assert.deepEqual(take(), []);
      mock.timers.tick(1);
      assert.deepEqual(take(), [['participantLeft', row('a', {}, { status: 'stale' }), 'lost']]);
      assert.deepEqual(ids(roster.list()), ['me']);
    });

    it('keeps one countdown per participant, so revive cancels it for good even after repeated markStale', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      roster.markStale('a', true);
      mock.timers.tick(60);
      roster.markStale('a', true);
      roster.startPendingGrace();
      mock.timers.tick(10);
      roster.revive('a');
      mock.timers.tick(10);
      roster.markStale('a', false);
      take();
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), [], 'no second timer was left running to drop it');
      assert.equal(roster.get('a')!.status, 'stale');
    });

    it('with startGrace false, marks stale but keeps the participant until a countdown starts', () => {
      const { roster, take } = setup();
      roster.upsert('a', {});
      take();
      roster.markStale('a', false);
      assert.deepEqual(take(), [['statusChanged', row('a', {}, { status: 'stale' }), 'online']]);
      mock.timers.tick(100 * GRACE);
      assert.deepEqual(take(), []);
      roster.markStale('a', true);
      assert.deepEqual(take(), [], 'already stale: no second statusChanged');
      mock.timers.tick(GRACE - 1);
      assert.deepEqual(take(), []);
      mock.timers.tick(1);
      assert.deepEqual(take(), [['participantLeft', row('a', {}, { status: 'stale' }), 'lost']]);
    });

    it('ignores the local participant and unknown ones', () => {
      const { roster, take } = setup();
      roster.upsert('me', {}, true);
      take();
      roster.markStale('me', true);
      roster.markStale('ghost', true);
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), []);
      assert.equal(roster.get('me')!.status, 'online');
    });

    it('reads the grace period when each countdown starts', () => {
      const { roster, take, setGrace, graceReads } = setup(100);
      roster.upsert('a', {});
      roster.upsert('b', {});
      roster.markStale('a', true);
      setGrace(30);
      roster.markStale('b', true);
      assert.equal(graceReads(), 2);
      take();
      mock.timers.tick(29);
      assert.deepEqual(take(), []);
      mock.timers.tick(1);
      assert.deepEqual(ids(take().map((call) => call[1])), ['b']);
      mock.timers.tick(69);
      assert.deepEqual(take(), []);
      mock.timers.tick(1);
      assert.deepEqual(ids(take().map((call) => call[1])), ['a']);
    });

    it('markAllStale marks every remote in arrival order and never the local one', () => {
      const { roster, take } = setup();
      roster.upsert('b', {});
      roster.upsert('me', {}, true);
      roster.upsert('c', {});
      take();
      roster.markAllStale(true);
      assert.deepEqual(take(), [
        ['statusChanged', row('b', {}, { status: 'stale' }), 'online'],
        ['statusChanged', row('c', {}, { status: 'stale' }), 'online'],
      ]);
      mock.timers.tick(GRACE);
      assert.deepEqual(take(), [
        ['participantLeft', row('b', {}, { status: 'stale' }), 'lost'],
        ['participantLeft', row('c', {}, { status: 'stale' }), 'lost'],
      ]);
      assert.deepEqual(ids(roster.list()), ['me']);
    });

    it('startPendingGrace starts a countdown only for stale participants without one', () => {
      const { roster, take } = setup();
      roster.upsert('me', {}, true);
      roster.upsert('running', {});
      roster.upsert('waiting', {});
      roster.upsert('online', {});
      roster.markStale('running', true);
      mock.timers.tick(50);
      roster.markStale('waiting', false);
      take();
      roster.startPendingGrace();
      assert.deepEqual(take(), []);
      mock.timers.tick(GRACE - 50);
      assert.deepEqual(take(), [['participantLeft', row('running', {}, { status: 'stale' }), 'lost']]);
      mock.timers.tick(49);
      assert.deepEqual(take(), []);
      mock.timers.tick(1);
      assert.deepEqual(take(), [['participantLeft', row('waiting', {}, { status: 'stale' }), 'lost']]);
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), []);
      assert.deepEqual(ids(roster.list()), ['me', 'online']);
    });
  });

  describe('remove and clear', () => {
    it('removes with one participantLeft carrying the last snapshot and the reason given, and remembers its extra', () => {
      const { roster, take } = setup();
      roster.upsert('a', { name: 'Ada' });
      roster.updatePeer('a', { peerState: 'connected' });
      const last = roster.get('a');
      take();
      roster.remove('a', 'goodbye');
      const calls = take();
      assert.deepEqual(calls, [['participantLeft', row('a', { name: 'Ada' }, { peerState: 'connected' }), 'goodbye']]);
      assert.equal(calls[0]![1], last);
      assert.equal(roster.get('a'), undefined);
      assert.deepEqual(roster.lastKnownExtra('a'), { name: 'Ada' });
      roster.remove('a', 'goodbye');
      assert.deepEqual(take(), [], 'removing twice reports once');
    });

    it('has the extra remembered already when participantLeft runs', () => {
      let seen: unknown;
      const roster: Roster = new Roster(
        {
          participantJoined() {},
          participantLeft: (participant) => (seen = [roster.has('a'), roster.lastKnownExtra(participant.userid)]),
          extraUpdated() {},
          statusChanged() {},
          peerChanged() {},
        },
        () => GRACE,
      );
      roster.upsert('a', { v: 1 });
      roster.remove('a', 'goodbye');
      assert.deepEqual(seen, [false, { v: 1 }]);
    });

    it('cancels the grace timer of a removed participant, so a returning one is not dropped by it', () => {
      const { roster, take } = setup();
      roster.upsert('a', { v: 1 });
      roster.markStale('a', true);
      mock.timers.tick(50);
      roster.remove('a', 'goodbye');
      roster.upsert('a', { v: 2 });
      roster.markStale('a', false);
      take();
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), []);
      assert.equal(roster.get('a')!.status, 'stale');
    });

    it('clear removes the remotes in arrival order and the local participant last, wherever it stands', () => {
      const { roster, take } = setup();
      roster.upsert('b', { n: 'b' });
      roster.upsert('me', { n: 'me' }, true);
      roster.upsert('c', { n: 'c' });
      take();
      roster.clear();
      assert.deepEqual(take(), [
        ['participantLeft', row('b', { n: 'b' }), 'we-left'],
        ['participantLeft', row('c', { n: 'c' }), 'we-left'],
        ['participantLeft', row('me', { n: 'me' }, { isLocal: true }), 'we-left'],
      ]);
      assert.deepEqual(roster.list(), []);
      assert.deepEqual(roster.lastKnownExtra('me'), { n: 'me' });
    });

    it('clear cancels every grace timer', () => {
      const { roster, take } = setup();
      roster.upsert('me', {}, true);
      roster.upsert('a', {});
      roster.upsert('b', {});
      roster.markAllStale(true);
      roster.clear();
      take();
      roster.upsert('a', {});
      roster.markStale('a', false);
      take();
      mock.timers.tick(10 * GRACE);
      assert.deepEqual(take(), []);
      assert.deepEqual(ids(roster.list()), ['a']);
    });

    it('clear on an empty roster calls nothing', () => {
      const { roster, take } = setup();
      roster.clear();
      assert.deepEqual(take(), []);
    });
  });

  describe('list order', () => {
    it('lists the local participant first when it arrived first, and keeps arrival order through every change', () => {
      const { roster } = setup();
      roster.upsert('me', {}, true);
      roster.upsert('a', {});
      roster.upsert('b', {});
      roster.markStale('a', true);
      roster.updateExtra('b', { v: 1 });
      roster.updatePeer('a', { peerState: 'connecting' });
      roster.revive('a');
      roster.updateExtra('me', { v: 2 });
      assert.deepEqual(ids(roster.list()), ['me', 'a', 'b']);
      assert.deepEqual(ids(roster.remotes()), ['a', 'b']);
    });

    it('returns a new array each time, so callers cannot reorder the roster', () => {
      const { roster } = setup();
      roster.upsert('a', {});
      roster.upsert('b', {});
      roster.list().reverse();
      assert.deepEqual(ids(roster.list()), ['a', 'b']);
    });
  });

  describe('departed memory', () => {
    it('has no extra for someone never seen', () => {
      assert.equal(setup().roster.lastKnownExtra('ghost'), undefined);
    });

    it('prefers the current extra of a participant who is in the room', () => {
      const { roster } = setup();
      roster.upsert('a', { v: 1 });
      roster.updateExtra('a', { v: 2 });
      assert.deepEqual(roster.lastKnownExtra('a'), { v: 2 });
    });

    it('remembers the last 1000 departed and forgets the oldest beyond that', () => {
      const { roster } = setup();
      departInTurn(roster, 1001);
      assert.equal(roster.lastKnownExtra('p0'), undefined);
      assert.deepEqual(roster.lastKnownExtra('p1'), { index: 1 });
      assert.deepEqual(roster.lastKnownExtra('p1000'), { index: 1000 });
    });

    it('counts a participant who left again as the most recent departure', () => {
      const { roster } = setup();
      departInTurn(roster, 1000);
      roster.upsert('p0', { index: 0, again: true });
      roster.remove('p0', 'goodbye');
      roster.upsert('new', {});
      roster.remove('new', 'goodbye');
      assert.deepEqual(roster.lastKnownExtra('p0'), { index: 0, again: true });
      assert.equal(roster.lastKnownExtra('p1'), undefined);
      assert.deepEqual(roster.lastKnownExtra('p2'), { index: 2 });
    });

    it('counts only participants who are gone: one back in the room holds no place in the memory', () => {
      const { roster } = setup();
      departInTurn(roster, 1000);
      roster.upsert('p500', { index: 500 });
      roster.upsert('new', {});
      roster.remove('new', 'goodbye');
      assert.deepEqual(roster.lastKnownExtra('p0'), { index: 0 }, '999 gone plus one new fit in 1000');
      roster.upsert('newer', {});
      roster.remove('newer', 'goodbye');
      assert.equal(roster.lastKnownExtra('p0'), undefined);
      assert.deepEqual(roster.lastKnownExtra('p500'), { index: 500 });
    });
  });

  describe('changed when (extraChangedAt)', () => {
    it('has no record for a newcomer: what it brought is not a change we saw', () => {
      const { roster } = setup();
      roster.upsert('a', { name: 'Ada', status: 'here' });
      assert.equal('extraChangedAt' in roster.get('a')!, false);
    });

    it('stamps the changed keys with the time of receipt and keeps the others’ times', () => {
      const { roster } = setup();
      roster.upsert('a', { name: 'Ada', status: 'here' });
      mock.timers.tick(1000);
      roster.updateExtra('a', { name: 'Ada', status: 'busy' });
      mock.timers.tick(500);
      roster.updateExtra('a', { name: 'Ada L.', status: 'busy', team: 7 });
      assert.deepEqual(roster.get('a')!.extraChangedAt, { status: 1000, name: 1500, team: 1500 });
      assert.equal(Object.isFrozen(roster.get('a')!.extraChangedAt), true);
    });

    it('lists keys the latest change removed, and forgets those an earlier change removed', () => {
      const { roster } = setup();
      roster.upsert('a', { name: 'Ada', status: 'here', mood: ':)' });
      mock.timers.tick(10);
      roster.updateExtra('a', { name: 'Ada', mood: ':)' });
      assert.deepEqual(roster.get('a')!.extraChangedAt, { status: 10 });
      mock.timers.tick(10);
      roster.updateExtra('a', { name: 'Ada' });
      assert.deepEqual(roster.get('a')!.extraChangedAt, { mood: 20 }, 'status went two changes ago');
    });

    it('keeps the record through status and peer changes, and starts afresh for a participant who left and came back', () => {
      const { roster } = setup();
      roster.upsert('a', { v: 1 });
      mock.timers.tick(5);
      roster.updateExtra('a', { v: 2 });
      roster.markStale('a', false);
      roster.updatePeer('a', { peerState: 'connected' });
      roster.revive('a');
      assert.deepEqual(roster.get('a')!.extraChangedAt, { v: 5 });
      roster.remove('a', 'goodbye');
      roster.upsert('a', { v: 3 });
      assert.equal('extraChangedAt' in roster.get('a')!, false);
    });

    it('reads the clock it is given', () => {
      let now = 1_700_000_000_000;
      const roster = new Roster(
        { participantJoined() {}, participantLeft() {}, extraUpdated() {}, statusChanged() {}, peerChanged() {} },
        () => GRACE,
        () => now,
      );
      roster.upsert('a', { v: 1 });
      now += 42;
      roster.updateExtra('a', { v: 2 });
      assert.deepEqual(roster.get('a')!.extraChangedAt, { v: 1_700_000_000_042 });
    });
  });

  describe('snapshots', () => {
    it('are frozen, with a deep-frozen extra and frozen streams', () => {
      const { roster } = setup();
      roster.upsert('a', { profile: { tags: ['x', { y: 1 }] } });
      roster.updatePeer('a', { streams: [stream('s')] });
      const participant = roster.get('a')!;
      const profile = participant.extra['profile'] as { tags: [string, { y: number }] };
      for (const value of [
        participant,
        participant.extra,
        profile,
        profile.tags,
        profile.tags[1],
        participant.streams,
      ]) {
        assert.equal(Object.isFrozen(value), true);
      }
      assert.throws(() => {
        (participant as { status: string }).status = 'stale';
      }, TypeError);
      assert.throws(() => {
        profile.tags[1].y = 2;
      }, TypeError);
      assert.throws(() => {
        (participant.streams as MediaStream[]).push(stream('t'));
      }, TypeError);
    });

    it('replace the row on each change and leave the previous snapshot as it was', () => {
      const { roster } = setup();
      roster.upsert('a', { v: 1 });
      const first = roster.get('a')!;
      roster.markStale('a', false);
      const second = roster.get('a')!;
      assert.notEqual(first, second);
      assert.equal(first.status, 'online');
      assert.equal(second.status, 'stale');
      assert.equal(second.extra, first.extra, 'an unchanged extra is shared, not copied');
    });
  });
});

describe('Roster.updatePeer with unchanged values', () => {
  it('reports nothing when the peer state and the streams (item by item) are as they were', () => {
    const calls: string[] = [];
    const roster = new Roster(
      {
        participantJoined: () => {},
        participantLeft: () => {},
        extraUpdated: () => {},
        statusChanged: () => {},
        peerChanged: (participant) => calls.push(`${participant.userid} ${participant.peerState ?? '-'}`),
      },
      () => 5000,
    );
    roster.upsert('a', {});
    roster.updatePeer('a', { peerState: 'connecting', streams: [] });
    roster.updatePeer('a', { peerState: 'connecting', streams: [] });
    roster.updatePeer('a', { streams: [] });
    roster.updatePeer('a', { peerState: 'connected' });
    assert.deepEqual(calls, ['a connecting', 'a connected']);
  });
});
