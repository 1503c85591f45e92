/** The chat's pure parts: its history (a cap, one room at a time) and which text becomes a link. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatHistory, DEFAULT_MAX_MESSAGES } from '../../src/elements/chat/chat-history.js';
import { linkify } from '../../src/elements/chat/linkify.js';

const message = (text: string) => ({ userid: 'u', text, at: 0, isLocal: false, extra: {} });
const texts = (history: ChatHistory) => history.messages.map((item) => item.text);

describe('ChatHistory', () => {
  it('keeps 200 messages by default, dropping the oldest first', () => {
    const history = new ChatHistory();
    assert.equal(history.limit, DEFAULT_MAX_MESSAGES);
    for (let index = 0; index < 205; index += 1) history.add('r', message(`m${index}`));
    assert.equal(history.messages.length, 200);
    assert.equal(history.messages[0]!.text, 'm5');
    assert.equal(history.messages.at(-1)!.text, 'm204');
  });

  it('gives each message a unique id and a new frozen array per change', () => {
    const history = new ChatHistory();
    const before = history.messages;
    const first = history.add('r', message('a'));
    const second = history.add('r', message('b'));
    assert.notEqual(history.messages, before);
    assert.notEqual(first.id, second.id);
    assert.equal(Object.isFrozen(history.messages), true);
    assert.equal(Object.isFrozen(first), true);
  });

  it('trims to a lowered limit at once, and never goes below one message', () => {
    const history = new ChatHistory();
    for (const text of ['a', 'b', 'c', 'd']) history.add('r', message(text));
    history.limit = 2;
    assert.deepEqual(texts(history), ['c', 'd']);
    history.limit = 0;
    assert.equal(history.limit, 1);
    history.add('r', message('e'));
    assert.deepEqual(texts(history), ['e']);
  });

  it('starts afresh when a message of another room arrives, or when it moves to another room', () => {
    const history = new ChatHistory();
    history.add('one', message('a'));
    history.add('one', message('b'));
    history.add('two', message('c'));
    assert.deepEqual(texts(history), ['c']);
    history.moveTo('two');
    assert.deepEqual(texts(history), ['c'], 'the same room keeps its messages');
    history.moveTo('three');
    assert.deepEqual(texts(history), []);
    assert.equal(history.room, 'three');
  });
});

describe('linkify', () => {
  it('leaves text without addresses as one text part', () => {
    assert.deepEqual(linkify('hello <b>there</b>'), [{ text: 'hello <b>there</b>' }]);
    assert.deepEqual(linkify(''), []);
  });

  it('links https and http addresses, with the parsed URL as href', () => {
    assert.deepEqual(linkify('see https://example.com/a?b=1#c and http://x.test'), [
      { text: 'see ' },
      { text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { text: ' and ' },
      { text: 'http://x.test', href: 'http://x.test/' },
    ]);
  });

  it('never links other schemes, whatever they look like', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'ftp://example.com',
      'xhttps://example.com',
      'JaVaScRiPt://https://x',
    ]) {
      assert.equal(
        linkify(text).some((part) => part.href !== undefined && !/^https?:\/\/[^/]/.test(part.href)),
        false,
        text,
      );
    }
    assert.deepEqual(linkify('javascript:alert(1)'), [{ text: 'javascript:alert(1)' }]);
  });

  it('leaves sentence punctuation and unopened brackets out of the link, and keeps balanced ones', () => {
    assert.deepEqual(linkify('go to https://example.com.'), [
      { text: 'go to ' },
      { text: 'https://example.com', href: 'https://example.com/' },
      { text: '.' },
    ]);
    assert.deepEqual(linkify('(https://example.com/a)!'), [
      { text: '(' },
      { text: 'https://example.com/a', href: 'https://example.com/a' },
      { text: ')!' },
    ]);
    assert.equal(
      linkify('https://en.wikipedia.org/wiki/Lit_(library)')[0]!.href,
      'https://en.wikipedia.org/wiki/Lit_(library)',
    );
  });

  it('does not link a scheme with no host', () => {
    assert.deepEqual(linkify('https://'), [{ text: 'https://' }]);
  });
});
