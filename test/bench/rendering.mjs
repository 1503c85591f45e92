/**
 * <rtc-participant-list> with 1 000 participants against a plain-DOM list
 * doing the same work: the first render, and one participant's update (with
 * how many rows it changed, seen from outside by a MutationObserver).
 */
import { median, openPage } from '../support/browser.mjs';

function pageBenchmark(repetitions) {
  const now = () => performance.now();
  const makeParticipants = () =>
    Array.from({ length: 1000 }, (_, index) =>
      Object.freeze({
        userid: `user-${index}`,
        extra: Object.freeze({ fullName: `Person ${index}`, status: 'here', team: 'blue' }),
        status: 'online',
        isLocal: index === 0,
        streams: [],
      }),
    );
  const renamed = (participant) =>
    Object.freeze({ ...participant, extra: Object.freeze({ ...participant.extra, fullName: 'Renamed' }) });

  /** The plain-DOM baseline: the same rows (avatar, name, status, fields), built and updated by hand. */
  function plainRow(participant) {
    const row = document.createElement('li');
    row.dataset.userid = participant.userid;
    const avatar = document.createElement('span');
    avatar.textContent = participant.extra.fullName.slice(0, 1);
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = participant.extra.fullName;
    const status = document.createElement('span');
    status.textContent = 'connected';
    const fields = document.createElement('dl');
    for (const key of ['status', 'team']) {
      const term = document.createElement('dt');
      term.textContent = key;
      const value = document.createElement('dd');
      value.textContent = participant.extra[key];
      fields.append(term, value);
    }
    row.append(avatar, name, status, fields);
    return row;
  }

  /** Watches a list's shadow root; `count()` says how many distinct rows were added, removed or changed inside since. */
  function watchRows(list) {
    const changed = new Set();
    const note = (records) => {
      for (const record of records) {
        for (const node of [record.target, ...record.addedNodes, ...record.removedNodes]) {
          const element = node instanceof Element ? node : node.parentElement;
          const row = element?.closest('[part~="participant"]');
          if (row) changed.add(row);
        }
      }
    };
    const observer = new MutationObserver(note);
    observer.observe(list.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
    return {
      count() {
        note(observer.takeRecords());
        observer.disconnect();
        return changed.size;
      },
    };
  }

  return (async () => {
    const results = { oursRender: [], oursUpdate: [], plainRender: [], plainUpdate: [], rowsChangedPerUpdate: [] };
    await customElements.whenDefined('rtc-participant-list');
    for (let repetition = 0; repetition < repetitions; repetition++) {
      // Ours: a room whose roster holds 1 000 participants.
      const participants = makeParticipants();
      const room = document.createElement('rtc-room');
      Object.defineProperty(room.connection, 'participants', { get: () => participants, configurable: true });
      const list = document.createElement('rtc-participant-list');
      let start = now();
      room.append(list);
      document.body.append(room);
      await list.updateComplete;
      void document.body.offsetHeight;
      results.oursRender.push(now() - start);
      const rows = watchRows(list);
      participants[500] = renamed(participants[500]);
      start = now();
      list.requestUpdate();
      await list.updateComplete;
      void document.body.offsetHeight;
      results.oursUpdate.push(now() - start);
      results.rowsChangedPerUpdate.push(rows.count());
      room.remove();

      // Plain DOM.
      const plain = makeParticipants();
      const ul = document.createElement('ul');
      start = now();
      for (const participant of plain) ul.append(plainRow(participant));
      document.body.append(ul);
      void document.body.offsetHeight;
      results.plainRender.push(now() - start);
      plain[500] = renamed(plain[500]);
      start = now();
      ul.querySelector('[data-userid="user-500"] .name').textContent = plain[500].extra.fullName;
      void document.body.offsetHeight;
      results.plainUpdate.push(now() - start);
      ul.remove();
    }
    return results;
  })();
}

export async function measureRendering(browser, fileServer, repetitions = 30) {
  const page = await openPage(browser, fileServer, [{ url: `${fileServer.url}dist/rtc-elements.js`, type: 'module' }]);
  const raw = await page.evaluate(pageBenchmark, repetitions);
  await page.close();
  const result = {};
  for (const [key, values] of Object.entries(raw)) result[key] = median(values);
  return result;
}
