import { citationNotes, type Highlighted, type Reply, type ReplyItem } from '../../src/core/reply.js';

export interface RenderOptions {
  /** ANSI colour and bold; off when output is not a terminal. */
  color: boolean;
  width: number;
}

const ansi = (code: string, color: boolean) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && visibleLength(line) + 1 + visibleLength(word) > width - indent.length) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

function visibleLength(s: string): number {
   
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** Inline code in our replies is written `like this`; show it plainly in a terminal. */
function inline(text: string, o: RenderOptions): string {
  return text.replace(/`([^`]+)`/g, (_m, code: string) => ansi('36', o.color)(code));
}

function highlighted(q: Highlighted, o: RenderOptions): string {
  let out = '';
  let at = 0;
  for (const [s, e] of q.highlights) {
    out += q.text.slice(at, s) + (o.color ? ansi('1;33', true)(q.text.slice(s, e)) : `*${q.text.slice(s, e)}*`);
    at = e;
  }
  return out + q.text.slice(at);
}

/**
 * An item's buttons as one short line: the verbs of the ones about this item, then its id once
 * ("› source · show · done · remind  knomad-recruitment-costs"); other commands as typed.
 */
function actionLine(item: ReplyItem, o: RenderOptions): string | undefined {
  const actions = item.actions ?? [];
  if (!actions.length) return undefined;
  const own = actions.filter((a) => a.command.includes(item.id) && a.command.split(' ')[0] !== item.id);
  const verbs = [...new Set(own.map((a) => a.command.split(' ')[0]!))];
  const others = actions.filter((a) => !own.includes(a)).map((a) => a.command);
  const line = [verbs.length ? `${verbs.join(' · ')}  ${item.id}` : '', ...others].filter(Boolean).join('   › ');
  const max = o.width - 6;
  return `    ${ansi('2', o.color)(`› ${line.length > max ? `${line.slice(0, max - 1)}…` : line}`)}`;
}

/** `text` on one line of `width` characters, cut at a word with "…" when longer. */
function oneLine(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  const cut = text.slice(0, width - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), width >> 1))}…`;
}

/**
 * One item. The first of a list in full: who, when, status, the quote and where it is, and its
 * buttons. The ones after it in two lines: the title, then the fields' values and the id (the
 * buttons are the first item's; `source <id>` shows the quote). So a list stays short.
 */
function renderItem(item: ReplyItem, n: number, o: RenderOptions): string {
  const dim = ansi('2', o.color);
  const bold = ansi('1', o.color);
  if (n > 1 && (item.fields.length || item.quote)) {
    const id = item.actions?.some((a) => a.command.includes(item.id)) ? `  › ${item.id}` : '';
    // Long names lose their expansions here ("UNODC (United Nations Office on Drugs and Crime)" → "UNODC").
    const meta = oneLine(item.fields.map((f) => f.value.replace(/\s*\([^)]{12,}\)/g, '')).join(' · '), o.width - 4 - id.length);
    return ` ${bold(`${n}.`)} ${bold(oneLine(item.title, o.width - 4))}\n    ${dim(`${meta}${id}`)}`;
  }
  const lines = [wrap(`${bold(`${n}.`)} ${bold(item.title)}`, o.width, '    ').replace(/^ {3}/, '')];
  if (item.text) lines.push(wrap(inline(item.text, o), o.width, '    '));
  if (item.fields.length) lines.push(wrap(item.fields.map((f) => `${dim(`${f.label}:`)} ${inline(f.value, o)}`).join(dim(' · ')), o.width, '    '));
  const cite = item.citation ? dim(`— ${item.citation.label}`) : '';
  if (item.quote) lines.push(wrap(`“${highlighted(item.quote, o)}” ${cite}`.trim(), o.width, '    '));
  else if (cite) lines.push(wrap(cite, o.width, '    '));
  const actions = actionLine(item, o);
  if (actions) lines.push(actions);
  return lines.join('\n');
}

/** A reply as clean terminal text: the title and its note, the items, then "… and N more" and the buttons. */
export function renderText(reply: Reply, o: RenderOptions = { color: false, width: 100 }): string {
  const color = reply.tone === 'error' ? '31' : reply.tone === 'empty' ? '33' : '1;34';
  const head = [ansi(color, o.color)(wrap(reply.title, o.width, ''))];
  if (reply.text) head.push(wrap(inline(reply.text, o), o.width, ''));
  const parts = [head.join('\n')];
  const items = reply.items ?? [];
  const tail: string[] = items.length ? [items.map((item, i) => renderItem(item, i + 1, o)).join('\n')] : [];
  for (const note of citationNotes(items)) tail.push(wrap(ansi('2', o.color)(`Note: ${note}`), o.width, ''));
  if (reply.more) tail.push(wrap(inline(`… and ${reply.more.count} more. ${reply.more.hint}`, o), o.width, ''));
  // "… and N more" already says `more`; its button is for the platforms that draw buttons.
  const actions = [...(reply.controls ?? []), ...(reply.actions ?? [])].filter((a) => !(reply.more && a.command === 'more'));
  if (actions.length) tail.push(wrap(actions.map((a) => `› ${ansi('36', o.color)(a.command)}`).join('   '), o.width, ''));
  if (tail.length) parts.push(tail.join('\n'));
  return `${parts.join('\n\n')}\n`;
}
