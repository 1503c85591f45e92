/**
 * The documentation site, as static files: a page per element of custom-elements.json (live example, its markup,
 * then the API tables read from the manifest), and the pages under docs/pages/, which take whole sections of README.md
 * where the README already says it (`<!-- readme: "Frameworks" -->`). Live examples run the built CDN file
 * (dist/rtc-elements.js, copied beside the pages) against a stock signaling server.
 *
 *   node scripts/build-docs.mjs [--socket-url URL] [--out DIR]     (npm run docs -- --socket-url URL)
 *
 * The signaling URL is baked in at build (--socket-url, else $DOCS_SOCKET_URL, else http://127.0.0.1:9001/, where
 * `node demo/signaling-server.mjs` listens), and a reader can point a page at another one with `?socket=URL`, which
 * the pages carry along their links. Output: dist/docs/ unless --out says otherwise; the folder is replaced whole.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSections, cssPropertyIndex, manifestElements, rowId } from './docs/api.mjs';
import { highlight } from './docs/highlight.mjs';
import { escapeHtml, renderInline, renderMarkdown, section, slugify } from './docs/markdown.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const docsDir = join(root, 'docs');
export const DEFAULT_SOCKET_URL = 'http://127.0.0.1:9001/';

/** `---\nkey: value\n---` at the top of a page source. */
function frontMatter(source) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) return { meta: {}, body: source };
  const meta = Object.fromEntries(
    match[1].split('\n').map((line) => {
      const [key, ...value] = line.split(':');
      return [
        key.trim(),
        value
          .join(':')
          .trim()
          .replace(/^(['"])(.*)\1$/, '$2'),
      ];
    }),
  );
  return { meta, body: source.slice(match[0].length) };
}

const read = (path) => readFileSync(join(root, path), 'utf8');

/** Everything a build reads, in one place. */
function loadInputs() {
  const kit = join(root, 'dist', 'rtc-elements.js');
  if (!existsSync(kit)) throw new Error('dist/rtc-elements.js is missing: run `npm run build` first');
  const manifest = JSON.parse(read('custom-elements.json'));
  const themeFile = join(root, 'src', 'elements', 'shared', 'theme.ts');
  return {
    manifest,
    elements: manifestElements(manifest),
    readme: read('README.md'),
    version: JSON.parse(read('package.json')).version,
    theme: existsSync(themeFile) ? readFileSync(themeFile, 'utf8') : '',
    guides: readdirSync(join(docsDir, 'pages'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => ({ file, ...frontMatter(readFileSync(join(docsDir, 'pages', file), 'utf8')) })),
  };
}

/** The site's pages, in navigation order: home, one per element, then the guides by their `order`. */
function sitePages(inputs) {
  const guides = inputs.guides
    .map(({ file, meta, body }) => ({
      path: file === 'index.md' ? 'index.html' : file.replace(/\.md$/, '.html'),
      source: `docs/pages/${file}`,
      title: meta.title,
      nav: meta.nav ?? meta.title,
      description: meta.description ?? '',
      order: Number(meta.order ?? 100),
      body,
      kind: file === 'index.md' ? 'home' : 'guide',
    }))
    .sort((a, b) => a.order - b.order);
  const elements = inputs.elements.map((element) => {
    const file = `docs/elements/${element.tagName}.md`;
    const own = existsSync(join(root, file)) ? frontMatter(read(file)) : undefined;
    return {
      path: `elements/${element.tagName}.html`,
      source: own ? file : undefined,
      title: `<${element.tagName}>`,
      nav: `<${element.tagName}>`,
      description: element.summary ?? '',
      body: own?.body ?? defaultElementBody(element),
      kind: 'element',
      element,
    };
  });
  return [
    ...guides.filter((page) => page.kind === 'home'),
    ...elements,
    ...guides.filter((page) => page.kind !== 'home'),
  ];
}

/** An element without a page source of its own still gets a live example: itself in a room. */
function defaultElementBody(element) {
  const markup =
    element.tagName === 'rtc-room'
      ? `<rtc-room room-id="docs-rtc-room" socket-url="{{socket}}" extra='{"fullName":"Reader"}'></rtc-room>`
      : `<rtc-room room-id="docs-${element.tagName}" socket-url="{{socket}}" extra='{"fullName":"Reader"}'>\n  <${element.tagName}></${element.tagName}>\n</rtc-room>`;
  return `## Example\n\n\`\`\`html live\n${markup}\n\`\`\`\n`;
}

/** A path from one page of the site to another file of it. */
const relativeTo = (from, to) => posix.relative(posix.dirname(from), to) || posix.basename(to);

/** Renders one page's Markdown: headings with ids (h2 and h3 listed on the page), code coloured, directives filled. */
function renderPage(page, site) {
  const headings = [];
  const ids = new Set(['main', 'site-nav', 'toc-heading']);
  let lastHeading = page.title;
  const uniqueId = (text) => {
    const base = slugify(text);
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const link = (path) => relativeTo(page.path, path);
  let examples = 0;
  let apiPlaced = false;

  const hooks = {
    heading(level, html, text) {
      const id = uniqueId(text.replace(/`/g, ''));
      lastHeading = text.replace(/`/g, '');
      if (level === 2 || level === 3) headings.push({ level, id, text: html });
      return `<h${level} id="${id}">${html}</h${level}>`;
    },
    tableLabel: () => lastHeading,
    code(lang, flags, text) {
      const source = text.replaceAll('{{socket}}', site.socketUrl).replaceAll('{{kit}}', link('rtc-elements.js'));
      if (lang === 'html' && flags.includes('live')) return liveExample(source, flags, ++examples);
      return codeBlock(lang, source);
    },
    directive(name, args) {
      switch (name) {
        case 'readme': {
          const [, title, flags = ''] = /^"([^"]*)"\s*(.*)$/.exec(args) ?? [];
          if (title === undefined)
            throw new Error(`${page.source}: write <!-- readme: "Heading" [intro] [heading] -->`);
          const text = section(site.readme, title, {
            intro: /\bintro\b/.test(flags),
            withHeading: /\bheading\b/.test(flags),
            name: `README.md (included by ${page.source})`,
          });
          return renderMarkdown(text, hooks);
        }
        case 'api': {
          apiPlaced = true;
          return api();
        }
        case 'elements':
          return elementCards(site, link);
        case 'two-tabs':
          return twoTabs(site, link);
        case 'css-properties':
          return cssPropertiesTable(site, link);
        case 'css-parts':
          return cssPartsTables(site, link);
        case 'playground':
          return playground(site);
        case 'guides':
          return guideList(site, link);
        case 'socket-url':
          return `<code class="socket-url">${escapeHtml(site.socketUrl)}</code>`;
        default:
          // Other comments (prettier-ignore, notes) are not directives.
          return '';
      }
    },
  };

  function api() {
    const { html, headings: apiHeadings } = apiSections(page.element);
    for (const heading of apiHeadings) {
      ids.add(heading.id);
      headings.push(heading);
    }
    return html;
  }

  let body = '';
  if (page.kind === 'element') {
    const { element } = page;
    body += `<p class="lead">${renderInline(element.summary ?? '')}</p>\n`;
    body += `<p>${renderInline((element.description ?? '').replace(/\s*\n\s*/g, ' '))}</p>\n`;
  }
  body += renderMarkdown(page.body.replaceAll('{{socket}}', site.socketUrl), hooks);
  if (page.kind === 'element' && !apiPlaced) body += `\n${api()}`;
  return { body, headings, live: examples > 0 || /<rtc-|<iframe/.test(body) };
}

const LANGUAGES = {
  html: 'HTML',
  js: 'JavaScript',
  ts: 'TypeScript',
  tsx: 'TSX',
  jsx: 'JSX',
  vue: 'Vue',
  svelte: 'Svelte',
  css: 'CSS',
  sh: 'Shell',
  json: 'JSON',
};

/** A code sample under a bar naming its language, with a copy button. */
function codeBlock(lang, text) {
  return `<div class="code"><div class="code-bar"><span>${escapeHtml(LANGUAGES[lang] ?? lang)}</span><button type="button" class="copy">Copy</button></div><pre tabindex="0"><code${lang ? ` class="language-${escapeHtml(lang)}"` : ''}>${highlight(lang, text)}</code></pre></div>`;
}

/**
 * The markup running above its own text: what is shown is what runs. `camera` examples ask for the camera and
 * microphone, so they start on a click, not on page load.
 */
function liveExample(markup, flags, n) {
  const label = `Live example ${n}`;
  const preview = flags.includes('camera')
    ? `<div class="example-preview" data-live tabindex="-1" role="region" aria-label="${label}">
<p class="example-start">This example uses your camera and microphone. <button type="button" class="start">Start it</button></p>
<template>${markup}</template></div>`
    : `<div class="example-preview" data-live role="region" aria-label="${label}">
${markup}
</div>`;
  return `<div class="example">${preview}${codeBlock('html', markup)}</div>`;
}

function elementCards(site, link) {
  const cards = site.elements.map(
    (element) =>
      `<li class="card"><a href="${link(`elements/${element.tagName}.html`)}"><code>&lt;${element.tagName}&gt;</code></a><p>${renderInline(element.summary ?? '')}</p></li>`,
  );
  return `<ul class="cards">\n${cards.join('\n')}\n</ul>`;
}

function guideList(site, link) {
  const guides = site.pages.filter((page) => page.kind === 'guide');
  return `<ul class="cards">\n${guides
    .map(
      (page) =>
        `<li class="card"><a href="${link(page.path)}">${escapeHtml(page.nav)}</a><p>${renderInline(page.description)}</p></li>`,
    )
    .join('\n')}\n</ul>`;
}

/** Two participants in one tab: the same little page twice, side by side, in one room. */
function twoTabs(site, link) {
  const frame = readFileSync(join(docsDir, 'frames', 'tab.html'), 'utf8');
  const markup = /<!-- example -->\n([\s\S]*?)\n\s*<!-- \/example -->/.exec(frame)?.[1];
  if (!markup) throw new Error('docs/frames/tab.html: mark the example with <!-- example --> … <!-- /example -->');
  const dedented = markup.replace(new RegExp(`^${/^\s*/.exec(markup)[0]}`, 'gm'), '');
  const frames = [
    ['Ada', 'available'],
    ['Grace', 'in a meeting'],
  ]
    .map(
      ([name, status]) =>
        `<iframe src="${link('frames/tab.html')}?name=${name}&amp;status=${encodeURIComponent(status)}" title="${name}'s tab: a participant in the room" loading="eager"></iframe>`,
    )
    .join('\n');
  return `<div class="example"><div class="two-tabs">\n${frames}\n</div>${codeBlock('html', dedented.replaceAll('{{socket}}', site.socketUrl))}</div>`;
}

/** A theme default, colours with their swatch: `light-dark(#fff, #111)` as light and dark. */
function defaultValue(value) {
  if (!value) return '<span class="none">per element</span>';
  const swatch = (colour) =>
    `<span class="swatch" style="background: ${escapeHtml(colour)}"></span><code>${escapeHtml(colour)}</code>`;
  const pair = /^light-dark\((#[0-9a-f]+),\s*(#[0-9a-f]+)\)$/i.exec(value);
  if (pair)
    return `<span class="default">light ${swatch(pair[1])}</span><span class="default">dark ${swatch(pair[2])}</span>`;
  return `<code>${escapeHtml(value)}</code>`;
}

function cssPropertiesTable(site, link) {
  const rows = cssPropertyIndex(site.elements, site.theme).map(
    (property) => `<tr id="${rowId.cssProperty(property.name)}"><td class="name"><code>${property.name}</code></td>
<td>${defaultValue(property.default)}</td>
<td><ul class="uses">${property.uses
      .map(
        (use) =>
          `<li><a href="${link(`elements/${use.tag}.html`)}#${rowId.cssProperty(property.name)}"><code>&lt;${use.tag}&gt;</code></a>: ${renderInline(use.description)}</li>`,
      )
      .join('')}</ul></td></tr>`,
  );
  return `<div class="table-wrap api" tabindex="0" role="region" aria-label="Custom properties"><table>
<thead><tr><th scope="col">Property</th><th scope="col">Default</th><th scope="col">Read by</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function cssPartsTables(site, link) {
  return site.elements
    .filter((element) => element.cssParts?.length)
    .map(
      (element) => `<h3 id="parts-${element.tagName}"><code>&lt;${element.tagName}&gt;</code></h3>
<ul class="parts">${element.cssParts
        .map(
          (part) =>
            `<li><a href="${link(`elements/${element.tagName}.html`)}#${rowId.part(part.name)}"><code>${element.tagName}::part(${part.name})</code></a>: ${renderInline(part.description ?? '')}</li>`,
        )
        .join('')}</ul>`,
    )
    .join('\n');
}

/** What makes an element show more of itself in the playground; the others appear as they are by default. */
const PLAYGROUND_ATTRIBUTES = {
  'rtc-extra-editor': 'fields="fullName status"',
  'rtc-participant-list': 'fields="status"',
};

/** Controls for every `--rtc-*` property and a part picker, over a live room with every element of the kit. */
function playground(site) {
  const properties = cssPropertyIndex(site.elements, site.theme);
  const controls = properties
    .map((property) => {
      const id = `pg-${property.name.slice(2)}`;
      const fallback =
        property.default ??
        property.uses.map((use) => /\(default ([^)]+)\)/.exec(use.description)?.[1]).find(Boolean) ??
        '';
      const [light, dark = light] = fallback.match(/#[0-9a-f]{6}\b/gi) ?? [];
      return `<div class="control"><label for="${id}"><code>${property.name}</code></label>
<input id="${id}" data-property="${property.name}" placeholder="${light ? 'default' : escapeHtml(fallback)}" autocomplete="off" spellcheck="false">${
        light
          ? `<input type="color" value="${light}" data-color-for="${property.name}" data-light="${light}" data-dark="${dark}" aria-label="Pick ${property.name}">`
          : ''
      }</div>`;
    })
    .join('\n');
  const parts = site.elements
    .filter((element) => element.cssParts?.length)
    .map(
      (element) =>
        `<optgroup label="${element.tagName}">${element.cssParts
          .map(
            (part) =>
              `<option value="${element.tagName}::part(${part.name})">${element.tagName}::part(${part.name})</option>`,
          )
          .join('')}</optgroup>`,
    )
    .join('');
  const inside = site.elements
    .filter((element) => element.tagName !== 'rtc-room')
    .map((element) => {
      const attributes = PLAYGROUND_ATTRIBUTES[element.tagName];
      return `    <${element.tagName}${attributes ? ` ${attributes}` : ''}></${element.tagName}>`;
    })
    .join('\n');
  return `<div class="playground" data-playground>
<div class="playground-preview example-preview" data-live role="region" aria-label="Theme preview">
  <rtc-room room-id="docs-theming" socket-url="${escapeHtml(site.socketUrl)}" extra='{"fullName":"Reader","status":"trying colours"}'>
${inside}
  </rtc-room>
</div>
<form class="playground-controls" aria-label="Theme controls">
<fieldset><legend>Custom properties</legend>
<div class="controls-grid">
${controls}
</div>
</fieldset>
<div class="controls-grid">
<div class="control wide"><label for="pg-scheme">The preview's <code>color-scheme</code></label>
<select id="pg-scheme" data-scheme><option value="">as the page</option><option value="light">light</option><option value="dark">dark</option></select></div>
<div class="control wide"><label for="pg-part">Outline a part</label>
<select id="pg-part" data-part><option value="">none</option>${parts}</select></div>
</div>
<div class="control wide"><label for="pg-css">The CSS (edit it freely)</label>
<textarea id="pg-css" data-css rows="6" spellcheck="false" placeholder="/* Set a property above, or write CSS here. */"></textarea></div>
<p><button type="reset">Reset</button></p>
</form>
</div>`;
}

function navigation(page, site) {
  const item = (target) =>
    `<li><a href="${relativeTo(page.path, target.path)}"${target.path === page.path ? ' aria-current="page"' : ''}>${
      target.kind === 'element' ? `<code>${escapeHtml(target.nav)}</code>` : escapeHtml(target.nav)
    }</a></li>`;
  const group = (id, label, pages) =>
    `<p class="nav-heading" id="nav-${id}">${label}</p><ul aria-labelledby="nav-${id}">${pages.map(item).join('')}</ul>`;
  return [
    group(
      'start',
      'Start',
      site.pages.filter((candidate) => candidate.kind === 'home'),
    ),
    group(
      'elements',
      'Elements',
      site.pages.filter((candidate) => candidate.kind === 'element'),
    ),
    group(
      'guides',
      'Guides',
      site.pages.filter((candidate) => candidate.kind === 'guide'),
    ),
  ].join('\n');
}

/** The head every page of the site has: the scheme restored before the first paint, docs.mjs before the kit. */
function head(path, site, { title, description, live }) {
  const rel = (target) => relativeTo(path, target);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="rtc-docs-socket" content="${escapeHtml(site.socketUrl)}">
${description ? `<meta name="description" content="${escapeHtml(description.replace(/`/g, ''))}">\n` : ''}<title>${escapeHtml(title)}</title>
<link rel="icon" href="${rel('assets/icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${rel('assets/docs.css')}">
<script>try{var s=localStorage.getItem('rtc-docs-scheme');if(s)document.documentElement.style.colorScheme=s}catch(e){}</script>
<script type="module" src="${rel('assets/docs.mjs')}"></script>
${live ? `<script type="module" src="${rel('rtc-elements.js')}"></script>\n` : ''}</head>`;
}

/** The page around a body: head, skip link, header, navigation, table of contents, footer. */
function layout(page, site, { body, headings, live }) {
  const rel = (path) => relativeTo(page.path, path);
  const toc =
    headings.length > 1
      ? `<aside class="toc" aria-labelledby="toc-heading"><p class="nav-heading" id="toc-heading">On this page</p><ul>${headings
          .map((heading) => `<li class="toc-${heading.level}"><a href="#${heading.id}">${heading.text}</a></li>`)
          .join('')}</ul></aside>`
      : '';
  const title =
    page.kind === 'home' ? 'rtc-elements: Web Components for RTCMultiConnection rooms' : `${page.title} · rtc-elements`;
  return `${head(page.path, site, { title, description: page.description, live })}
<body class="${page.kind}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="${rel('index.html')}"><img src="${rel('assets/icon.svg')}" alt="" width="28" height="28"> rtc-elements</a>
<span class="version">v${escapeHtml(site.version)}</span>
<button type="button" class="menu-button" aria-expanded="false" aria-controls="site-nav">Menu</button>
<label class="scheme"><span class="visually-hidden">Theme</span><select class="scheme-select"><option value="">Theme: auto</option><option value="light">Theme: light</option><option value="dark">Theme: dark</option></select></label>
</header>
<div class="layout${toc ? ' has-toc' : ''}">
<nav id="site-nav" class="site-nav" aria-label="Documentation">
${navigation(page, site)}
</nav>
<main id="main" tabindex="-1">
<h1>${page.kind === 'element' ? `<code>${escapeHtml(page.title)}</code>` : escapeHtml(page.title)}</h1>
${body}
</main>
${toc}
</div>
<footer class="site-footer">
<p>Live examples connect to the stock signaling server at <code class="socket-url">${escapeHtml(site.socketUrl)}</code> (add <code>?socket=URL</code> to use another). rtc-elements ${escapeHtml(site.version)}, MIT licence.</p>
</footer>
</body>
</html>
`;
}

/** A page inside the site's frames (docs/frames/*.html): the same head, no navigation. */
function framePage(file, site) {
  const source = readFileSync(join(docsDir, 'frames', file), 'utf8').replaceAll('{{socket}}', site.socketUrl);
  const path = `frames/${file}`;
  const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(source)?.[1] ?? 'Example';
  return `${head(path, site, { title: `${title} · rtc-elements`, live: true })}
<body class="frame">
<main>
${source.replace(/\s*<!-- \/?example -->/g, '').trim()}
</main>
</body>
</html>
`;
}

/**
 * Builds the site into `outDir` (replaced whole) and returns the paths of its pages, relative to it.
 * @param {{socketUrl?: string, outDir?: string}} [options]
 * @returns {{outDir: string, pages: string[], socketUrl: string}}
 */
export function buildDocs({
  socketUrl = process.env.DOCS_SOCKET_URL || DEFAULT_SOCKET_URL,
  outDir = join(root, 'dist', 'docs'),
} = {}) {
  const url = new URL(socketUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`--socket-url must be http(s): ${socketUrl}`);
  const inputs = loadInputs();
  const site = { ...inputs, socketUrl: url.href, pages: [] };
  site.pages = sitePages(inputs);

  const files = new Map();
  for (const page of site.pages) files.set(page.path, layout(page, site, renderPage(page, site)));
  for (const file of readdirSync(join(docsDir, 'frames')).filter((name) => name.endsWith('.html')))
    files.set(`frames/${file}`, framePage(file, site));

  rmSync(outDir, { recursive: true, force: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), content);
  }
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  for (const asset of readdirSync(join(docsDir, 'assets')))
    copyFileSync(join(docsDir, 'assets', asset), join(outDir, 'assets', asset));
  for (const file of ['rtc-elements.js', 'rtc-elements.js.map'])
    copyFileSync(join(root, 'dist', file), join(outDir, file));
  // The WebRTC code the kit fetches (relative to itself) for rooms that connect peers.
  cpSync(join(root, 'dist', 'chunks'), join(outDir, 'chunks'), { recursive: true });
  return { outDir, pages: [...files.keys()], socketUrl: url.href };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const outDir = option('--out');
  const {
    pages,
    socketUrl,
    outDir: written,
  } = buildDocs({
    ...(option('--socket-url') ? { socketUrl: option('--socket-url') } : {}),
    ...(outDir ? { outDir: resolve(outDir) } : {}),
  });
  console.log(`docs: ${pages.length} pages in ${written}, live examples on ${socketUrl}`);
}
