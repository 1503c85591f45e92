/**
 * The Markdown that README.md and the docs pages are written in, and no more: ATX headings, paragraphs, fenced code,
 * GFM tables, bullet and numbered lists (nested, with lazy continuation lines), HTML blocks and `<!-- name: args -->`
 * directives; inline code, bold, emphasis and links. Written for this subset so the docs need no dependency: a
 * construct outside it renders as a plain paragraph, visibly, rather than being guessed at.
 */

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** GitHub-style heading ids: lowercase words joined by hyphens, code and markup reduced to their text. */
export function slugify(text) {
  return (
    text
      .replace(/<[^>]*>/g, '')
      .replace(/&[a-z#0-9]+;/gi, '')
      .toLowerCase()
      .replace(/[^\p{Letter}\p{Number}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section'
  );
}

/** Inline Markdown: code spans first (nothing inside them is markup), then links, bold and emphasis over escaped text. */
export function renderInline(text) {
  const codes = [];
  let rest = '';
  let index = 0;
  while (index < text.length) {
    const open = /`+/g;
    open.lastIndex = index;
    const start = open.exec(text);
    if (!start) break;
    const fence = start[0];
    const close = text.indexOf(fence, start.index + fence.length);
    if (close < 0) break;
    let code = text.slice(start.index + fence.length, close).replace(/\n/g, ' ');
    if (/^ .* $/.test(code)) code = code.slice(1, -1);
    rest += text.slice(index, start.index) + `\uE000${codes.length}\uE000`;
    codes.push(`<code>${escapeHtml(code)}</code>`);
    index = close + fence.length;
  }
  rest += text.slice(index);
  return escapeHtml(rest)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => `<a href="${href}">${label}</a>`)
    .replace(/\*\*(.+?)\*\*/gs, '<strong>$1</strong>')
    .replace(/(^|[^\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])/gs, '$1<em>$2</em>')
    .replace(/\uE000(\d+)\uE000/g, (_, n) => codes[Number(n)]);
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const DIRECTIVE = /^<!--\s*([\w-]+):?\s*(.*?)\s*-->\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const HTML_BLOCK =
  /^<\/?(?:div|section|figure|figcaption|table|p|ul|ol|li|aside|details|summary|form|fieldset|iframe|template|nav|dl|script|style|h[1-6]|hr|output|label|button|select|rtc-[\w-]+)[\s>/]/i;

const indentOf = (line) => /^\s*/.exec(line)[0].length;
const startsBlock = (line) =>
  FENCE.test(line) || HEADING.test(line) || DIRECTIVE.test(line) || HTML_BLOCK.test(line) || LIST_ITEM.test(line);

/**
 * Renders Markdown blocks. `hooks` shape the output: `heading(level, html, text)`, `code(lang, flags, text)` and
 * `directive(name, args)` return HTML, and `tableLabel()` names a table's scrolling region.
 */
export function renderMarkdown(source, hooks = {}) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  return renderLines(lines, hooks);
}

function renderLines(lines, hooks) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const [, indent, marker, info] = fence;
      const body = [];
      i++;
      while (i < lines.length && !new RegExp(`^\\s*${marker[0]}{${marker.length},}\\s*$`).test(lines[i])) {
        body.push(lines[i].slice(Math.min(indent.length, indentOf(lines[i]))));
        i++;
      }
      i++;
      const [lang = '', ...flags] = info.trim().split(/\s+/).filter(Boolean);
      out.push(hooks.code ? hooks.code(lang, flags, body.join('\n')) : codeBlock(lang, body.join('\n')));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const html = renderInline(heading[2]);
      const level = heading[1].length;
      out.push(hooks.heading ? hooks.heading(level, html, heading[2]) : `<h${level}>${html}</h${level}>`);
      i++;
      continue;
    }
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      out.push(hooks.directive ? hooks.directive(directive[1], directive[2]) : '');
      i++;
      continue;
    }
    if (HTML_BLOCK.test(line)) {
      const body = [];
      while (i < lines.length && lines[i].trim()) body.push(lines[i++]);
      out.push(body.join('\n'));
      continue;
    }
    if (line.trimStart().startsWith('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const rows = [];
      while (i < lines.length && lines[i].trimStart().startsWith('|')) rows.push(lines[i++]);
      out.push(table(rows, hooks));
      continue;
    }
    if (LIST_ITEM.test(line)) {
      i = list(lines, i, out, hooks);
      continue;
    }
    const paragraph = [];
    while (i < lines.length && lines[i].trim() && (paragraph.length === 0 || !startsBlock(lines[i])))
      paragraph.push(lines[i++].trim());
    out.push(`<p>${renderInline(paragraph.join('\n'))}</p>`);
  }
  return out.join('\n');
}

export function codeBlock(lang, text) {
  return `<pre><code${lang ? ` class="language-${escapeHtml(lang)}"` : ''}>${escapeHtml(text)}</code></pre>`;
}

function cells(row) {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const result = [];
  let cell = '';
  let inCode = false;
  for (let k = 0; k < inner.length; k++) {
    const character = inner[k];
    if (character === '`') inCode = !inCode;
    if (character === '\\' && inner[k + 1] === '|') {
      cell += '|';
      k++;
    } else if (character === '|' && !inCode) {
      result.push(cell.trim());
      cell = '';
    } else cell += character;
  }
  result.push(cell.trim());
  return result;
}

function table(rows, hooks) {
  const [head, , ...body] = rows;
  const label = hooks.tableLabel ? hooks.tableLabel() : 'Table';
  const headCells = cells(head)
    .map((cell) => `<th scope="col">${renderInline(cell)}</th>`)
    .join('');
  const bodyRows = body
    .map(
      (row) =>
        `<tr>${cells(row)
          .map((cell) => `<td>${renderInline(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(label)}"><table>
<thead><tr>${headCells}</tr></thead>
<tbody>
${bodyRows}
</tbody></table></div>`;
}

/** One list, its items' nested blocks rendered recursively; returns the index of the first line after it. */
function list(lines, i, out, hooks) {
  const first = LIST_ITEM.exec(lines[i]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const items = [];
  let loose = false;
  while (i < lines.length) {
    const match = LIST_ITEM.exec(lines[i]);
    if (!match || match[1].length !== indent || /\d/.test(match[2]) !== ordered) break;
    const contentIndent = indent + match[2].length + 1;
    const item = [match[3]];
    i++;
    while (i < lines.length) {
      const next = lines[i];
      if (!next.trim()) {
        const following = lines.slice(i + 1).find((candidate) => candidate.trim());
        if (following !== undefined && indentOf(following) >= contentIndent) {
          loose = true;
          item.push('');
          i++;
          continue;
        }
        break;
      }
      if (indentOf(next) >= contentIndent) item.push(next.slice(contentIndent));
      else if (LIST_ITEM.test(next) || startsBlock(next)) break;
      // A lazy continuation line: the paragraph goes on, whatever its indentation.
      else item.push(next.trim());
      i++;
    }
    items.push(item);
    if (i < lines.length && !lines[i].trim()) {
      const following = lines.slice(i).find((candidate) => candidate.trim());
      const again = following && LIST_ITEM.exec(following);
      if (again && again[1].length === indent) {
        loose = true;
        while (!lines[i].trim()) i++;
      }
    }
  }
  const tag = ordered ? 'ol' : 'ul';
  const rendered = items.map((item) => {
    const leadEnd = item.findIndex((line, k) => k > 0 && (!line.trim() || startsBlock(line)));
    const lead = leadEnd < 0 ? item : item.slice(0, leadEnd);
    const rest = leadEnd < 0 ? [] : item.slice(leadEnd);
    const leadHtml = renderInline(lead.join('\n').trim());
    return `<li>${loose ? `<p>${leadHtml}</p>` : leadHtml}${rest.length ? `\n${renderLines(rest, hooks)}` : ''}</li>`;
  });
  out.push(`<${tag}>\n${rendered.join('\n')}\n</${tag}>`);
  return i;
}

/**
 * The text of a section of a Markdown document: below the heading whose text is `title`, up to the next heading of
 * the same level or higher (`intro`: up to the next heading of any level). Throws when there is no such heading, so a
 * renamed section fails the docs build instead of vanishing from it.
 */
export function section(source, title, { intro = false, withHeading = false, name = 'the document' } = {}) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let inFence = false;
  let start = -1;
  let level = 0;
  for (let i = 0; i < lines.length; i++) {
    if (FENCE.test(lines[i])) inFence = !inFence;
    if (inFence) continue;
    const heading = HEADING.exec(lines[i]);
    if (!heading) continue;
    if (start < 0) {
      if (heading[2] === title) {
        start = i;
        level = heading[1].length;
      }
    } else if (intro || heading[1].length <= level) {
      return lines.slice(withHeading ? start : start + 1, i).join('\n');
    }
  }
  if (start < 0) throw new Error(`${name} has no heading "${title}"`);
  return lines.slice(withHeading ? start : start + 1).join('\n');
}
