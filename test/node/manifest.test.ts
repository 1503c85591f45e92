/**
 * custom-elements.json tells the truth: for each element, exactly the events it dispatches, the parts and slots its
 * templates render and the custom properties its styles read, each event typed with the detail the element really
 * sends. Stale is checked by `npm test` (regenerating it); this checks that what it says is right.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ELEMENT_EVENTS } from '../../src/elements/shared/events.js';

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
}
interface Declaration {
  name: string;
  tagName?: string;
  events?: Named[];
  cssParts?: Named[];
  slots?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[]; exports?: Array<{ kind: string; name: string }> }>;
}

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const manifest = JSON.parse(read('custom-elements.json')) as Manifest;
const elementModules = manifest.modules.filter((module) => module.declarations?.length);
const names = (items: Named[] | undefined) => (items ?? []).map((item) => item.name).sort();
const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]!);
const unique = (values: string[]) => [...new Set(values)].sort();

/** `--_accent: var(--rtc-accent, …)` in the shared theme: the private token each public custom property feeds. */
const theme = read('src/elements/shared/theme.ts');
const tokenDefinitions = [...theme.matchAll(/(--_[\w-]+): var\((--rtc-[\w-]+)/g)];
const publicPropertyOf = new Map(tokenDefinitions.map(([, token, property]) => [token!, property!]));
/** Read by every element through the theme's `:host` rule itself (`font: var(--rtc-font, …)`), not through a token. */
const hostProperties = matches(theme, /var\((--rtc-[\w-]+)/g).filter(
  (property) => !tokenDefinitions.some((definition) => definition[2] === property),
);

/** The detail type each element event is declared with in `RtcEventMap`. */
const detailTypeOf = new Map(
  [...read('src/elements/shared/events.ts').matchAll(/'(rtc-[\w-]+)': RtcEvent<(\w+)>;/g)].map(([, event, type]) => [
    event!,
    type!,
  ]),
);

it('lists the six elements, each defined by its own module', () => {
  assert.deepEqual(elementModules.map((module) => module.declarations![0]!.tagName).sort(), [
    'rtc-avatar-stack',
    'rtc-chat',
    'rtc-extra-editor',
    'rtc-media',
    'rtc-participant-list',
    'rtc-room',
  ]);
  for (const module of elementModules) {
    const tag = module.declarations![0]!.tagName!;
    const definer = manifest.modules.find((candidate) => candidate.path === `src/define/${tag}.ts`);
    assert.deepEqual(definer?.exports, [
      {
        kind: 'custom-element-definition',
        name: tag,
        declaration: { name: module.declarations![0]!.name, module: module.path },
      },
    ]);
    assert.match(read(`src/define/${tag}.ts`), new RegExp(`${module.declarations![0]!.name}\\.define\\('${tag}'\\)`));
  }
  assert.equal(manifest.modules.length, 12, 'elements and their define modules only');
});

for (const module of elementModules) {
  const element = module.declarations![0]!;
  const source = read(module.path);
  const stylesPath = module.path.replace(/\.ts$/, '.styles.ts');
  /** The room has no styles of its own: only the theme's `:host` rule. */
  const ownStyles = existsSync(new URL(stylesPath, root)) ? read(stylesPath) : '';
  /** Its styles and the shared style modules they import (the theme aside: its tokens are read above). */
  const styles = [
    ownStyles,
    ...matches(ownStyles, /from '\.\.\/shared\/([\w.-]+)\.js'/g)
      .filter((name) => name !== 'theme')
      .map((name) => read(`src/elements/shared/${name}.ts`)),
  ].join('\n');

  describe(`<${element.tagName}>`, () => {
    it('lists exactly the events it dispatches, each with its real detail type and a one-line description', () => {
      const emitted = matches(source, /this\.emit\('(rtc-[\w-]+)'/g);
      const forwarded = source.includes('ELEMENT_EVENTS') ? Object.values(ELEMENT_EVENTS) : [];
      assert.deepEqual(names(element.events), unique([...emitted, ...forwarded]));
      for (const event of element.events ?? []) {
        assert.equal(event.type?.text, `RtcEvent<${detailTypeOf.get(event.name)}>`, event.name);
        assert.ok(event.description && !event.description.includes('\n'), `${event.name}: ${event.description}`);
      }
    });

    it('lists exactly the parts and slots its template renders', () => {
      assert.deepEqual(names(element.cssParts), unique(matches(source, /part="([\w-]+)"/g)));
      const slots = matches(source, /<slot(?:\s+name="([\w-]+)")?[\s>]/g).map((name) => name ?? '');
      assert.deepEqual(names(element.slots), unique(slots));
    });

    it('lists exactly the custom properties its styles read', () => {
      const used = [
        ...hostProperties,
        ...matches(styles, /var\((--rtc-[\w-]+)/g),
        ...matches(styles, /var\((--_[\w-]+)/g).map((token) => publicPropertyOf.get(token)!),
      ];
      assert.deepEqual(names(element.cssProperties), unique(used));
    });
  });
}
