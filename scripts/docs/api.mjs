/**
 * custom-elements.json as the docs read it: the elements (a room first, then by tag name) and, for one element, its
 * API tables. Nothing here is written twice: what an element has is what the manifest says, so a page cannot drift
 * from the code (test/node/manifest.test.ts keeps the manifest true to the sources).
 */
import { escapeHtml, renderInline } from './markdown.mjs';

/** The manifest's custom elements, `<rtc-room>` first. */
export function manifestElements(manifest) {
  const elements = manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName),
  );
  return elements.sort(
    (a, b) => (a.tagName === 'rtc-room' ? -1 : b.tagName === 'rtc-room' ? 1 : 0) || a.tagName.localeCompare(b.tagName),
  );
}

const isPublic = (member) => !member.privacy || member.privacy === 'public';
const own = (member) => !member.inheritedFrom && !member.static && isPublic(member) && !member.name.startsWith('#');

/** The row ids the tables give, so other pages (and the test) can point at one attribute, event, part, … */
export const rowId = {
  property: (name) => `property-${name}`,
  method: (name) => `method-${name}`,
  event: (name) => `event-${name}`,
  slot: (name) => `slot-${name || 'default'}`,
  part: (name) => `part-${name}`,
  cssProperty: (name) => `css-${name.replace(/^--/, '')}`,
};

/** `{description}` as inline Markdown on one line. */
const describe = (text) => (text ? renderInline(text.replace(/\s*\n\s*/g, ' ')) : '');
const code = (text) => `<code>${escapeHtml(text)}</code>`;
/** Type, default, … under a description, each only when the manifest gives it. */
const facts = (pairs) => {
  const given = pairs.filter(([, value]) => value !== undefined && value !== '');
  return given.length
    ? `<span class="facts">${given.map(([label, value]) => `<span>${label}: ${code(value)}</span>`).join('')}</span>`
    : '';
};

/** The attributes and public properties, one row per property (its attribute beside it). */
export function propertyRows(element) {
  const attributes = element.attributes ?? [];
  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && own(member));
  const rows = fields.map((field) => ({
    property: field.name,
    attribute: field.attribute ?? attributes.find((attribute) => attribute.fieldName === field.name)?.name,
    type: field.type?.text,
    default: field.default,
    description: field.description,
    reflects: field.reflects,
    readonly: field.readonly,
  }));
  // An attribute without a field of its own in the manifest still gets its row.
  for (const attribute of attributes)
    if (!rows.some((row) => row.attribute === attribute.name))
      rows.push({
        property: attribute.fieldName,
        attribute: attribute.name,
        type: attribute.type?.text,
        default: attribute.default,
        description: attribute.description,
      });
  return rows;
}

export function methodRows(element) {
  return (element.members ?? []).filter((member) => member.kind === 'method' && own(member));
}

/** `RtcEvent<ErrorDetail>` → `ErrorDetail`. */
export const detailType = (event) => /<(.+)>$/.exec(event.type?.text ?? '')?.[1] ?? event.type?.text ?? 'unknown';

function tableSection({ id, title, intro, empty, head, rows }) {
  const heading = `<h2 id="${id}">${title}</h2>`;
  if (rows.length === 0) return `${heading}\n<p class="empty">${empty}</p>`;
  return `${heading}
${intro ? `<p>${intro}</p>` : ''}
<div class="table-wrap api" tabindex="0" role="region" aria-labelledby="${id}"><table>
<thead><tr>${head.map((cell) => `<th scope="col">${cell}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/** The API sections of an element page, and the headings they add to its table of contents. */
export function apiSections(element) {
  const tag = element.tagName;
  const sections = [
    {
      id: 'attributes-and-properties',
      title: 'Attributes and properties',
      intro: `Set an attribute in markup or the property from code (frameworks set the property when there is one); both take the same values.`,
      empty: 'None.',
      head: ['Name', 'Description'],
      rows: propertyRows(element).map(
        (row) => `<tr id="${rowId.property(row.property ?? row.attribute)}">
<td class="name">${row.property ? code(row.property) : code(row.attribute)}${
          row.property && row.attribute ? `<span class="attribute">attribute ${code(row.attribute)}</span>` : ''
        }${row.property ? '' : '<span class="attribute">attribute only</span>'}${row.readonly ? '<span class="badge">read-only</span>' : ''}${row.reflects ? '<span class="badge">reflects</span>' : ''}</td>
<td>${describe(row.description)}${facts([
          ['Type', row.type],
          ['Default', row.default],
        ])}</td></tr>`,
      ),
    },
    {
      id: 'methods',
      title: 'Methods',
      empty: 'None.',
      head: ['Method', 'Description'],
      rows: methodRows(element).map((method) => {
        const parameters = (method.parameters ?? [])
          .map((parameter) => `${parameter.name}${parameter.optional ? '?' : ''}: ${parameter.type?.text ?? 'unknown'}`)
          .join(', ');
        return `<tr id="${rowId.method(method.name)}"><td class="name">${code(`${method.name}(${parameters})`)}</td><td>${describe(method.description)}${facts([['Returns', method.return?.type?.text ?? 'void']])}</td></tr>`;
      }),
    },
    {
      id: 'events',
      title: 'Events',
      intro: `Every event bubbles and is composed: listen on the element or on any ancestor. <code>event.detail</code> has the type shown.`,
      empty: `None: it dispatches no events of its own.`,
      head: ['Event', 'Description'],
      rows: (element.events ?? []).map(
        (event) =>
          `<tr id="${rowId.event(event.name)}"><td class="name">${code(event.name)}</td><td>${describe(event.description)}${facts([['Detail type', detailType(event)]])}</td></tr>`,
      ),
    },
    {
      id: 'slots',
      title: 'Slots',
      empty: 'None: it renders all its content itself.',
      head: ['Slot', 'Description'],
      rows: (element.slots ?? []).map(
        (slot) =>
          `<tr id="${rowId.slot(slot.name)}"><td class="name">${slot.name ? code(slot.name) : '(default)'}</td><td>${describe(slot.description)}</td></tr>`,
      ),
    },
    {
      id: 'css-parts',
      title: 'CSS parts',
      intro: `Style what the element renders inside its shadow root with <code>${escapeHtml(tag)}::part(name)</code>.`,
      empty: 'None.',
      head: ['Part', 'Description'],
      rows: (element.cssParts ?? []).map(
        (part) =>
          `<tr id="${rowId.part(part.name)}"><td class="name">${code(part.name)}</td><td>${describe(part.description)}</td></tr>`,
      ),
    },
    {
      id: 'css-custom-properties',
      title: 'CSS custom properties',
      intro: `Set them on the element or on any ancestor (the room reaches everything inside it). See <a href="../theming.html">Theming</a>.`,
      empty: 'None.',
      head: ['Property', 'Description'],
      rows: (element.cssProperties ?? []).map(
        (property) =>
          `<tr id="${rowId.cssProperty(property.name)}"><td class="name">${code(property.name)}</td><td>${describe(property.description)}</td></tr>`,
      ),
    },
  ];
  return {
    html: sections.map(tableSection).join('\n'),
    headings: sections.map((section) => ({ level: 2, id: section.id, text: section.title })),
  };
}

/**
 * Every `--rtc-*` property of the kit: which elements read it and what for, and its default when the shared theme
 * gives one (`--_accent: var(--rtc-accent, light-dark(#1d4ed8, #93c5fd))` in the theme's source).
 */
export function cssPropertyIndex(elements, themeSource = '') {
  const defaults = new Map(
    [...themeSource.matchAll(/--_[\w-]+:\s*var\((--rtc-[\w-]+),\s*(.+?)\);/g)].map(([, name, value]) => [name, value]),
  );
  const index = new Map();
  for (const element of elements)
    for (const property of element.cssProperties ?? []) {
      if (!index.has(property.name))
        index.set(property.name, { name: property.name, default: defaults.get(property.name), uses: [] });
      index.get(property.name).uses.push({ tag: element.tagName, description: property.description ?? '' });
    }
  return [...index.values()].sort((a, b) => a.name.localeCompare(b.name));
}
