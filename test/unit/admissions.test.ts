/** Admissions: who is in the room, from what the server says; ordering of pushed and fetched extra. */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { RtcError } from '../../src/core/errors.js';
import type { Participant } from '../../src/core/events.js';
import { Admissions, EXTRA_PUSH_WAIT_MS, type AdmissionsHost } from '../../src/core/participants/admissions.js';
import { Roster } from '../../src/core/participants/roster.js';
import type { ServerAnswer } from '../../src/core/signaling/signaling-channel.js';
import { buildJoinRequest, USER_LEFT_MESSAGE } from '../../src/protocol/messages.js';

const ME = 'me';
const ROOM = 'room-1';
/** A stock 3.7.1 joiner's request: no promise that its extra follows. */
const { rtcElementsJoin: _traits, ...STOCK_JOIN_REQUEST } = buildJoinRequest({ data: true });

/** A request the test answers (or fails) by hand, in the order it chooses. */
interface PendingRequest {
  event: string;
  args: unknown[];
  answer(...values: unknown[]): void;
  fail(error: RtcError): void;
}

function setup(maxListed = 1000, extended = false) {
  const left: Array<[string, string]> = [];
  const roster = new Roster(
    {
      participantJoined: () => {},
      participantLeft: (participant: Participant, reason) => left.push([participant.userid, reason]),
      extraUpdated: () => {},
      statusChanged: () => {},
      peerChanged: () => {},
    },
    () => 5000,
  );
  roster.upsert(ME, { fullName: 'Me' }, true);
  let arrivals = 0;
  let attempt = new AbortController();
  const requests: PendingRequest[] = [];
  const relayed: Array<[string, object]> = [];
  const joinRequests: string[] = [];
  const errors: RtcError[] = [];
  const host: AdmissionsHost = {
    userid: () => ME,
    roomid: () => ROOM,
    signal: () => attempt.signal,
    incomingExtraSizeLimit: () => 65536,
    maxListedParticipants: () => maxListed,
    admissionsPerSecond: () => 1000,
    request: (event, ...args) =>
      new Promise<ServerAnswer>((resolve, reject) =>
        requests.push({
          event,
          args,
          // The answer's place among the pushes is fixed when it arrives, as the channel does.
          answer: (...values) => resolve({ values, order: arrivals }),
          fail: reject,
        }),
      ),
    arrivals: () => arrivals,
    extended: () => extended,
    relay: (userid, message) => relayed.push([userid, message]),
    negotiate: () => {},
    joinRequested: (envelope) => joinRequests.push(envelope.sender),
    report: (error) => errors.push(error),
  };
  const admissions = new Admissions(roster, host);
  return {
    roster,
    admissions,
    requests,
    relayed,
    joinRequests,
    errors,
    left,
    /** A push from the server: counted as an arrival, then handled. */
    push(userid: unknown, extra: unknown) {
      arrivals++;
      admissions.extraPushed(userid, extra);
    },
    message(sender: string, message: object, extra?: unknown, remoteUserId = ME) {
      arrivals++;
      admissions.message({ remoteUserId, sender, message, extra });
    },
    abortAttempt() {
      attempt.abort();
      attempt = new AbortController();
    },
  };
}

/** Lets promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Admissions', () => {
  it('answers a stock join request at once, then lists the joiner with its server-held extra and offers it a peer', async () => {
    const t = setup();
    t.message('bob', STOCK_JOIN_REQUEST);
    assert.deepEqual(t.relayed, [['bob', { rtcElementsPresence: { roomid: ROOM } }]]);
    assert.equal(t.requests.length, 1);
    assert.deepEqual([t.requests[0]!.event, t.requests[0]!.args], ['get-remote-user-extra-data', ['bob']]);
    assert.equal(t.roster.has('bob'), false, 'not listed before the server confirms it');
    t.requests[0]!.answer({ fullName: 'Bob' });
    await settle();
    assert.deepEqual(t.roster.get('bob')?.extra, { fullName: 'Bob' });
    assert.deepEqual(t.joinRequests, ['bob']);
  });

  it('lists a joiner of ours with the extra it pushes behind its request, asking the server nothing', async () => {
    const t = setup();
    t.message('bob', buildJoinRequest({}));
    assert.deepEqual(t.relayed, [['bob', { rtcElementsPresence: { roomid: ROOM } }]]);
    assert.equal(t.roster.has('bob'), false, 'not listed before its extra came');
    t.push('bob', { fullName: 'Bob' });
    await settle();
    assert.equal(t.requests.length, 0);
    assert.deepEqual(t.roster.get('bob')?.extra, { fullName: 'Bob' });
    assert.deepEqual(t.joinRequests, ['bob']);
  });

  for (const listed of [false, true]) {
    it(`a rename pushed right behind a joiner's own push, in the same batch, is what is listed (${listed ? 'a participant coming back' : 'a newcomer'})`, async () => {
      const t = setup();
      if (listed) t.roster.upsert('bob', { fullName: 'Bob' });
      // Both pushes are handled before the admission's promise settles, as when they arrive in one read.
      t.message('bob', buildJoinRequest({}));
      t.push('bob', { fullName: 'Bob' });
      t.push('bob', { fullName: 'Bob renamed' });
      await settle();
      assert.deepEqual(t.roster.get('bob')?.extra, { fullName: 'Bob renamed' });
      assert.deepEqual(t.joinRequests, ['bob']);
    });
  }

  it('asks the server when a joiner of ours does not push its extra in time', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const t = setup();
      t.message('bob', buildJoinRequest({}));
      mock.timers.tick(EXTRA_PUSH_WAIT_MS - 1);
      assert.equal(t.requests.length, 0);
      mock.timers.tick(1);
      assert.deepEqual(t.requests[0]?.args, ['bob']);
      t.requests[0].answer({ fullName: 'Bob' });
      await settle();
      assert.deepEqual(t.roster.get('bob')?.extra, { fullName: 'Bob' });
      t.push('bob', { fullName: 'Bob 2' });
      assert.deepEqual(t.roster.get('bob')?.extra, { fullName: 'Bob 2' }, 'later pushes update as usual');
    } finally {
      mock.timers.reset();
    }
  });

  it('lists a member that answered our join request with the extra the server stamped on the answer', async () => {
    const t = setup();
    t.message('alice', { rtcElementsPresence: { roomid: ROOM } }, { fullName: 'Alice', _room: { isFull: false } });
    await settle();
    assert.equal(t.requests.length, 0);
    assert.deepEqual(t.roster.get('alice')?.extra, { fullName: 'Alice' });
    t.message('dave', { rtcElementsPresence: { roomid: ROOM } });
    assert.deepEqual(t.requests[0]?.args, ['dave'], 'a message without a stamp: ask the server');
  });

  it('a joiner of ours that left before its push is never listed', async () => {
    const t = setup();
    t.message('bob', buildJoinRequest({}));
    t.abortAttempt();
    t.push('bob', { fullName: 'Bob' });
    await settle();
    assert.equal(t.roster.has('bob'), false);
    assert.equal(t.requests.length, 0);
  });

  it('a fetched extra answered before a newer push does not roll the participant back', async () => {
    const t = setup();
    t.roster.upsert('bob', { n: 1 });
    const admitted = t.admissions.admit('bob', true);
    // socket.io applies pushes at once but resolves an answer a tick later: the push overtakes it.
    t.requests[0]!.answer({ n: 2 });
    t.push('bob', { n: 3 });
    assert.equal(await admitted, true);
    assert.deepEqual(t.roster.get('bob')?.extra, { n: 3 });
  });

  it('a push that came before the answer is older: the fetched extra wins', async () => {
    const t = setup();
    t.roster.upsert('bob', { n: 1 });
    const admitted = t.admissions.admit('bob', true);
    t.push('bob', { n: 2 });
    t.requests[0]!.answer({ n: 3 });
    t.push('carol-not-admitted', { n: 9 }); // arrivals after the answer, for someone else
    await admitted;
    assert.deepEqual(t.roster.get('bob')?.extra, { n: 3 });
  });

  it('one lookup for concurrent admissions of the same participant', async () => {
    const t = setup();
    const first = t.admissions.admit('bob', true);
    const second = t.admissions.admit('bob', true);
    assert.equal(t.requests.length, 1);
    t.requests[0]!.answer({ fullName: 'Bob' });
    assert.deepEqual(await Promise.all([first, second]), [true, true]);
  });

  it('a participant the server does not know goes stale; one it did not answer about stays as it was', async () => {
    const t = setup();
    t.roster.upsert('bob', { fullName: 'Bob' });
    t.roster.upsert('carol', { fullName: 'Carol' });
    const bob = t.admissions.admit('bob', true);
    const carol = t.admissions.admit('carol', true);
    t.requests[0]!.answer('User ID does not exist');
    t.requests[1]!.fail(new RtcError('timeout', 'no answer'));
    assert.deepEqual(await Promise.all([bob, carol]), [false, true]);
    assert.equal(t.roster.get('bob')?.status, 'stale');
    assert.equal(t.roster.get('carol')?.status, 'online', 'a timeout is never "gone"');
    assert.deepEqual(
      t.errors.map((error) => error.code),
      ['timeout'],
    );
  });

  it('an answer that arrives after the attempt ended changes nothing', async () => {
    const t = setup();
    const admitted = t.admissions.admit('bob', true);
    t.abortAttempt();
    t.requests[0]!.answer({ fullName: 'Bob' });
    assert.equal(await admitted, false);
    assert.equal(t.roster.has('bob'), false);
  });

  it('takes pushes only for admitted participants, never our own echo, and reports malformed ones', () => {
    const t = setup();
    t.roster.upsert('bob', { n: 1 });
    t.push(ME, { fullName: 'Spoofed' });
    t.push('stranger', { n: 1 });
    t.push(42, { n: 1 });
    t.push('bob', { huge: 'x'.repeat(70000) });
    assert.deepEqual(t.roster.get(ME)?.extra, { fullName: 'Me' });
    assert.equal(t.roster.has('stranger'), false);
    assert.deepEqual(t.roster.get('bob')?.extra, { n: 1 });
    assert.deepEqual(
      t.errors.map((error) => error.code),
      ['invalid-input', 'invalid-input'],
    );
  });

  it('a goodbye with the participant’s own extra removes it; one carrying another socket’s extra is refused', () => {
    const t = setup();
    t.roster.upsert('bob', { fullName: 'Bob' });
    t.message('bob', USER_LEFT_MESSAGE, { fullName: 'Mallory' });
    assert.equal(t.roster.has('bob'), true);
    assert.equal(t.errors[0]?.code, 'invalid-input');
    t.message('bob', USER_LEFT_MESSAGE, { fullName: 'Bob' });
    assert.deepEqual(t.left, [['bob', 'goodbye']]);
  });

  it('reports a relayed message that is not an envelope or not a known message, and admits nobody for it', () => {
    const t = setup();
    t.admissions.message({ remoteUserId: ME });
    t.message('bob', { somethingElse: true });
    assert.deepEqual(
      t.errors.map((error) => error.code),
      ['invalid-input', 'invalid-input'],
    );
    assert.equal(t.requests.length, 0);
  });

  it('lists no more than maxListedParticipants, reporting the limit once, however many ask', async () => {
    const t = setup(3);
    for (let n = 0; n < 20; n++) t.message(`fake-${n}`, STOCK_JOIN_REQUEST);
    assert.equal(t.requests.length, 2, 'lookups only for the places left (self holds one)');
    for (const request of t.requests) request.answer({ fake: true });
    await settle();
    assert.equal(t.roster.size, 3);
    assert.deepEqual(
      t.errors.map((error) => error.code),
      ['limit-reached'],
    );
  });

  describe('on rtc-elements-server', () => {
    it('lists a joiner from its request alone: one copy to the room, stamped with its extra; no answer, no lookup', async () => {
      const t = setup(1000, true);
      t.message('bob', buildJoinRequest({}, undefined, false), { fullName: 'Bob' }, ROOM);
      await settle();
      assert.deepEqual(t.relayed, [], 'no presence answer: the server tells everyone of departures without links');
      assert.deepEqual(t.requests, [], 'nobody asked: the server stamped the extra');
      assert.deepEqual(t.roster.get('bob')?.extra, { fullName: 'Bob' });
      assert.deepEqual(t.joinRequests, ['bob']);
    });

    it('lists everyone of the join answer at once, themselves aside, with the extra the server holds', () => {
      const t = setup(1000, true);
      t.admissions.listMembers([
        { userid: 'bob', extra: { fullName: 'Bob' } },
        { userid: ME, extra: { fullName: 'not me' } },
        { userid: 'carol', extra: 'Carol' },
      ]);
      assert.deepEqual(
        t.roster.list().map((participant) => [participant.userid, participant.extra]),
        [
          [ME, { fullName: 'Me' }],
          ['bob', { fullName: 'Bob' }],
          ['carol', { value: 'Carol' }],
        ],
      );
      assert.deepEqual(t.requests, []);
    });

    it('lists no more members than maxListedParticipants', () => {
      const t = setup(2, true);
      t.admissions.listMembers([
        { userid: 'bob', extra: {} },
        { userid: 'carol', extra: {} },
      ]);
      assert.deepEqual(
        t.roster.list().map((participant) => participant.userid),
        [ME, 'bob'],
      );
      assert.deepEqual(
        t.errors.map((error) => error.code),
        ['limit-reached'],
      );
    });
  });

  it('ignores a join request addressed to the room from a server that is not rtc-elements-server', async () => {
    const t = setup();
    t.message('bob', STOCK_JOIN_REQUEST, { fullName: 'Bob' }, ROOM);
    await settle();
    assert.equal(t.roster.has('bob'), false);
    assert.deepEqual([t.relayed, t.requests], [[], []]);
  });
});
