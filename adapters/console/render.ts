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

function renderItem(item: ReplyItem, n: number, o: RenderOptions): string {
  const dim = ansi('2', o.color);
  const bold = ansi('1', o.color);
  const lines = [wrap(`${bold(`${n}.`)} ${bold(item.title)}`, o.width, '    ').replace(/^ {3}/, '')];
  if (item.text) lines.push(wrap(inline(item.text, o), o.width, '    '));
  if (item.fields.length) lines.push(wrap(item.fields.map((f) => `${dim(`${f.label}:`)} ${inline(f.value, o)}`).join(dim(' · ')), o.width, '    '));
  if (item.quote) lines.push(wrap(`“${highlighted(item.quote, o)}”`, o.width, '    '));
  if (item.citation) lines.push(wrap(dim(`— ${item.citation.label}`), o.width, '    '));
  const cmds = (item.actions ?? []).map((a) => a.command);
  if (cmds.length) lines.push(wrap(dim(`› ${cmds.join('   › ')}`), o.width, '    '));
  return lines.join('\n');
}

/** A reply as clean terminal text. */
export function renderText(reply: Reply, o: RenderOptions = { color: false, width: 100 }): string {
  const color = reply.tone === 'error' ? '31' : reply.tone === 'empty' ? '33' : '1;34';
  const parts = [ansi(color, o.color)(wrap(reply.title, o.width, ''))];
  if (reply.text) parts.push(wrap(inline(reply.text, o), o.width, ''));
  (reply.items ?? []).forEach((item, i) => parts.push(renderItem(item, i + 1, o)));
  for (const note of citationNotes(reply.items)) parts.push(wrap(ansi('2', o.color)(`Note: ${note}`), o.width, ''));
  if (reply.more) parts.push(inline(`… and ${reply.more.count} more. ${reply.more.hint}`, o));
  if (reply.actions?.length) parts.push(reply.actions.map((a) => `› ${ansi('36', o.color)(a.command)}`).join('   '));
  return `${parts.join('\n\n')}\n`;
}
