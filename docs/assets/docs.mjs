/**
 * The docs pages' own script. It runs before dist/rtc-elements.js (module scripts run in document order), so a
 * `?socket=` given to a page reaches every live room before it joins. Everything else is progressive: without this
 * script the pages read the same and the examples run on the built-in server address.
 */
const root = document.documentElement;
root.classList.add('js');
const query = new URLSearchParams(location.search);

// ---------------------------------------------------------------------------------------------------------------
// The signaling server: built in (meta), or `?socket=URL`, carried along every link and frame of the site.

const builtIn = document.querySelector('meta[name="rtc-docs-socket"]')?.content ?? '';
/** A frame of the site follows the page it is in. */
function embedderSocket() {
  try {
    return window.parent !== window ? new URLSearchParams(window.parent.location.search).get('socket') : null;
  } catch {
    return null;
  }
}
const asked = query.get('socket') ?? embedderSocket();
const socket = asked && /^https?:\/\//i.test(asked) ? new URL(asked).href : undefined;

function replaceText(node, from, to) {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode())
    if (text.data.includes(from)) text.data = text.data.replaceAll(from, to);
}

/** Within the site: relative links, not in-page anchors (`href` of the attribute, not the resolved property). */
const internal = (value) => value && !/^(?:[a-z][\w+.-]*:|\/\/|#)/i.test(value);

if (socket && socket !== builtIn) {
  const rooms = [
    ...document.querySelectorAll('rtc-room'),
    ...[...document.querySelectorAll('template')].flatMap((template) => [
      ...template.content.querySelectorAll('rtc-room'),
    ]),
  ];
  for (const room of rooms) if (room.getAttribute('socket-url') === builtIn) room.setAttribute('socket-url', socket);
  replaceText(document.body, builtIn, socket);
  for (const template of document.querySelectorAll('template')) replaceText(template.content, builtIn, socket);
  // Frames are left alone: they read the page's own address (a new src now would abort the load under way).
  for (const link of document.querySelectorAll('a[href]')) {
    const value = link.getAttribute('href');
    if (internal(value)) link.setAttribute('href', withSocket(value));
  }
}

/** A relative address with `socket=` added to its query. */
function withSocket(value) {
  const hashAt = value.indexOf('#');
  const hash = hashAt < 0 ? '' : value.slice(hashAt);
  const [path, search = ''] = (hashAt < 0 ? value : value.slice(0, hashAt)).split('?');
  const params = new URLSearchParams(search);
  params.set('socket', socket);
  return `${path}?${params}${hash}`;
}

// ---------------------------------------------------------------------------------------------------------------
// A frame's participant: its name and status from the frame's address (`?name=Ada&status=busy`).

const name = query.get('name');
if (name) {
  const extra = { fullName: name.slice(0, 40), status: (query.get('status') ?? 'available').slice(0, 40) };
  for (const room of document.querySelectorAll('rtc-room')) room.setAttribute('extra', JSON.stringify(extra));
  for (const title of document.querySelectorAll('[data-title-from-query]'))
    title.textContent = `${extra.fullName}'s tab`;
  document.title = `${extra.fullName}'s tab · rtc-elements`;
}

// ---------------------------------------------------------------------------------------------------------------
// Light, dark or the system's: the page's color-scheme, which the elements follow. Frames of the site follow too.

const STORAGE_KEY = 'rtc-docs-scheme';
function applyScheme(value) {
  root.style.colorScheme = value === 'light' || value === 'dark' ? value : '';
  for (const select of document.querySelectorAll('.scheme-select')) select.value = root.style.colorScheme;
}
function storedScheme() {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}
applyScheme(storedScheme());
for (const select of document.querySelectorAll('.scheme-select'))
  select.addEventListener('change', () => {
    applyScheme(select.value);
    try {
      if (select.value) localStorage.setItem(STORAGE_KEY, select.value);
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage refused (private mode): the choice lasts for this page.
    }
    for (const frame of document.querySelectorAll('iframe'))
      frame.contentWindow?.postMessage({ rtcDocsScheme: select.value }, location.origin);
  });
addEventListener('storage', (event) => event.key === STORAGE_KEY && applyScheme(event.newValue ?? ''));
addEventListener('message', (event) => {
  if (event.origin === location.origin && typeof event.data?.rtcDocsScheme === 'string')
    applyScheme(event.data.rtcDocsScheme);
});

// ---------------------------------------------------------------------------------------------------------------
// The navigation's menu button (narrow screens).

const menu = document.querySelector('.menu-button');
const nav = document.getElementById('site-nav');
menu?.addEventListener('click', () => {
  const open = menu.getAttribute('aria-expanded') !== 'true';
  menu.setAttribute('aria-expanded', String(open));
  nav?.classList.toggle('open', open);
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && menu?.getAttribute('aria-expanded') === 'true') {
    menu.setAttribute('aria-expanded', 'false');
    nav?.classList.remove('open');
    menu.focus();
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Copy buttons: the code as shown (with this page's server address in it).

const status = document.createElement('p');
status.className = 'visually-hidden';
status.setAttribute('role', 'status');
document.body.append(status);

for (const button of document.querySelectorAll('.code .copy'))
  button.addEventListener('click', async () => {
    const text = button.closest('.code').querySelector('pre code').textContent;
    let said;
    try {
      await navigator.clipboard.writeText(text);
      said = 'Copied';
    } catch {
      said = 'Copy failed: select the code instead';
    }
    button.textContent = said === 'Copied' ? 'Copied' : 'Failed';
    status.textContent = said;
    setTimeout(() => {
      button.textContent = 'Copy';
      status.textContent = '';
    }, 2000);
  });

// ---------------------------------------------------------------------------------------------------------------
// Examples that use the camera start on a click, never on page load.

for (const button of document.querySelectorAll('.example-preview .start'))
  button.addEventListener('click', () => {
    const preview = button.closest('.example-preview');
    const template = preview.querySelector('template');
    preview.replaceChildren(template.content.cloneNode(true));
    preview.focus();
  });

// ---------------------------------------------------------------------------------------------------------------
// The theming playground: controls write CSS, the CSS styles the live room.

const playground = document.querySelector('[data-playground]');
if (playground) {
  const style = document.createElement('style');
  const highlight = document.createElement('style');
  document.head.append(style, highlight);
  const css = playground.querySelector('[data-css]');
  const preview = playground.querySelector('.playground-preview');
  const controls = [...playground.querySelectorAll('[data-property]')];
  const pickers = [...playground.querySelectorAll('[data-color-for]')];
  const inputFor = (picker) => controls.find((control) => control.dataset.property === picker.dataset.colorFor);

  /** An untouched colour shows the default of the scheme the preview is in (its background is light-dark()). */
  const syncPickers = () => {
    const dark = getComputedStyle(preview).backgroundColor !== 'rgb(255, 255, 255)';
    for (const picker of pickers)
      if (!inputFor(picker).value.trim()) picker.value = picker.dataset[dark ? 'dark' : 'light'];
  };
  const write = () => {
    const set = controls.filter((input) => input.value.trim());
    css.value = set.length
      ? `rtc-room {\n${set.map((input) => `  ${input.dataset.property}: ${input.value.trim()};`).join('\n')}\n}\n`
      : '';
    style.textContent = css.value;
    syncPickers();
  };
  for (const input of controls) input.addEventListener('input', write);
  for (const picker of pickers)
    picker.addEventListener('input', () => {
      inputFor(picker).value = picker.value;
      write();
    });
  css.addEventListener('input', () => (style.textContent = css.value));
  playground.querySelector('[data-scheme]').addEventListener('change', (event) => {
    preview.style.colorScheme = event.target.value;
    syncPickers();
  });
  playground.querySelector('[data-part]').addEventListener('change', (event) => {
    highlight.textContent = event.target.value
      ? `.playground-preview ${event.target.value} { outline: 3px dashed #db2777; outline-offset: 2px; }`
      : '';
  });
  playground.querySelector('form').addEventListener('reset', () => {
    style.textContent = '';
    highlight.textContent = '';
    preview.style.colorScheme = '';
    // The form's own reset comes after this event: sync once it has.
    setTimeout(syncPickers);
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', syncPickers);
  for (const select of document.querySelectorAll('.scheme-select')) select.addEventListener('change', syncPickers);
  syncPickers();
}
