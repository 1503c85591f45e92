/**
 * Syntax colouring for the docs' code samples, done at build time as spans (no script on the page): comments,
 * strings, keywords, tags and attribute names, custom properties. A lexer per language, one regular expression each;
 * an unknown language stays plain text.
 */
import { escapeHtml } from './markdown.mjs';

const JS_KEYWORDS =
  'import|from|export|default|const|let|var|function|return|await|async|new|class|if|else|for|of|in|type|interface|extends|implements|this|true|false|null|undefined|typeof|as';

/** Each language: [class, pattern] pairs, tried in order at each position. */
const LEXERS = {
  html: [
    ['comment', /<!--[\s\S]*?-->/],
    ['tag', /<\/?[A-Za-z][\w:.-]*|\/?>/],
    ['attr', /(?<=\s)[@:#*[(]?[\w.:-]+[\])]?(?==)/],
    ['string', /(?<==)"[^"]*"|(?<==)'[^']*'/],
  ],
  js: [
    ['comment', /\/\/[^\n]*|\/\*[\s\S]*?\*\//],
    ['string', /'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/],
    ['tag', /<\/?[a-z][\w]*-[\w-]*|<\/?[A-Z][\w.]*(?=[\s>/])|\/>/],
    ['keyword', new RegExp(`\\b(?:${JS_KEYWORDS})\\b`)],
    ['number', /\b\d[\d_.]*\b/],
  ],
  css: [
    ['comment', /\/\*[\s\S]*?\*\//],
    ['string', /'[^'\n]*'|"[^"\n]*"/],
    ['property', /--[\w-]+|[a-z-]+(?=\s*:[^:])/],
    ['keyword', /::?[\w-]+|@[\w-]+/],
  ],
  sh: [
    ['comment', /(?<=^|\s)#[^\n]*/],
    ['string', /'[^'\n]*'|"[^"\n]*"/],
    ['keyword', /(?<=^|\s)(?:npm|node|npx|sudo|apt-get)\b/],
  ],
};
LEXERS.ts = LEXERS.js;
LEXERS.tsx = LEXERS.js;
LEXERS.jsx = LEXERS.js;
LEXERS.javascript = LEXERS.js;
LEXERS.vue = LEXERS.html;
LEXERS.svelte = LEXERS.html;
LEXERS.bash = LEXERS.sh;

const compiled = new Map();

function lexer(lang) {
  if (!LEXERS[lang]) return undefined;
  if (!compiled.has(lang)) {
    const classes = LEXERS[lang].map(([name]) => name);
    const pattern = new RegExp(LEXERS[lang].map(([, regex]) => `(${regex.source})`).join('|'), 'gm');
    compiled.set(lang, { classes, pattern });
  }
  return compiled.get(lang);
}

/** `text` as escaped HTML with `<span class="t-…">` around its tokens. */
export function highlight(lang, text) {
  const lex = lexer(lang);
  if (!lex) return escapeHtml(text);
  let html = '';
  let last = 0;
  for (const match of text.matchAll(lex.pattern)) {
    if (!match[0]) continue;
    const kind = lex.classes[match.slice(1).findIndex((group) => group !== undefined)];
    html += escapeHtml(text.slice(last, match.index)) + `<span class="t-${kind}">${escapeHtml(match[0])}</span>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}
