import { citationNotes, CONTROL_ACTIONS, DANGER_ACTIONS, PRIMARY_ACTIONS, type Highlighted, type Reply, type ReplyAction, type ReplyItem } from '../../src/core/reply.js';
import { clip } from '../../src/core/text.js';

/** Slack's limits (Block Kit reference). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  header: 150,
  field: 2_000,
  fields: 10,
  buttonText: 75,
  buttonValue: 2_000,
  contextText: 2_000,
  actionsPerBlock: 25,
} as const;

export type Block = Record<string, unknown>;

/**
 * Escapes text from data or users for mrkdwn: with &, < and > escaped nothing we post can
 * become <!channel>, <!here>, <!everyone>, a user mention or a link.
 */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** plain_text is never parsed, but a copy-paste could be: angle brackets become look-alikes. */
export function plain(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** Our replies mark code with backticks; everything else is escaped. */
function mrkdwn(text: string, max: number = LIMITS.sectionText): string {
  return clip(escape(text), max);
}

function quoted(q: Highlighted): string {
  let out = '';
  let at = 0;
  for (const [s, e] of q.highlights) {
    out += escape(q.text.slice(at, s)) + `*${escape(q.text.slice(s, e))}*`;
    at = e;
  }
  return `>${out + escape(q.text.slice(at))}`;
}

/** A button runs its command as the person who clicks it. */
export const ACTION_PREFIX = 'followup:run:';

function button(a: ReplyAction, i: number, style?: 'primary' | 'danger'): Block {
  return {
    type: 'button',
    action_id: `${ACTION_PREFIX}${a.id}:${i}`, // unique in the block; carries what the button does
    text: { type: 'plain_text', text: clip(plain(a.label), LIMITS.buttonText), emoji: true },
    value: clip(a.command, LIMITS.buttonValue),
    ...((style ?? a.style) ? { style: style ?? a.style } : {}),
  };
}

/** An overflow option's value holds the command: 150 characters at most (longer ones stay buttons). */
const OPTION_VALUE = 150;
const OVERFLOW_OPTIONS = 5;

/**
 * An item's buttons, quietly: its main action (Mark done, Accept) as the one primary button, a
 * destructive one (Reject, Stop) as a danger button, the rest behind an overflow menu (⋯). With
 * no main action, the first becomes a plain button.
 */
export function itemControls(actions: readonly ReplyAction[]): Block[] {
  const primary = actions.find((a) => PRIMARY_ACTIONS.has(a.id));
  const danger = actions.filter((a) => DANGER_ACTIONS.has(a.id));
  const lead = primary ?? actions.find((a) => !DANGER_ACTIONS.has(a.id));
  const rest = actions.filter((a) => a !== lead && !danger.includes(a));
  const menu = rest.filter((a) => a.command.length <= OPTION_VALUE).slice(0, OVERFLOW_OPTIONS);
  const out: Block[] = [];
  if (lead) out.push(button(lead, 0, primary ? 'primary' : undefined));
  danger.forEach((a, i) => out.push(button(a, i + 1, 'danger')));
  for (const a of rest.filter((x) => !menu.includes(x))) out.push(button(a, out.length + 1));
  if (menu.length) {
    out.push({
      type: 'overflow',
      action_id: `${ACTION_PREFIX}menu:${out.length}`,
      options: menu.map((a) => ({ text: { type: 'plain_text', text: clip(plain(a.label), LIMITS.buttonText), emoji: true }, value: a.command })),
    });
  }
  return out;
}

/** A link Slack can show: http(s), nothing that could close the markup. */
const SAFE_URL = /^https?:\/\/[^\s<>|]{1,1500}$/;

/** The citation; a link to its source (the chat message) when it has one. */
function citationText(c: { label: string; url?: string }): string {
  return c.url && SAFE_URL.test(c.url) ? `<${c.url}|${escape(c.label)}>` : escape(c.label);
}

export function itemBlocks(item: ReplyItem, n: number): Block[] {
  const blocks: Block[] = [];
  const head = `*${n}. ${escape(item.title)}*${item.text ? `\n${escape(item.text)}` : ''}`;
  const section: Block = { type: 'section', text: { type: 'mrkdwn', text: clip(head, LIMITS.sectionText) } };
  if (item.fields.length) {
    section.fields = item.fields.slice(0, LIMITS.fields).map((f) => ({ type: 'mrkdwn', text: clip(`*${escape(f.label)}*\n${escape(f.value)}`, LIMITS.field) }));
  }
  blocks.push(section);
  if (item.quote) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(quoted(item.quote), LIMITS.sectionText) } });
  if (item.citation) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`${citationText(item.citation)} · \`${escape(item.id)}\``, LIMITS.contextText) }] });
  if (item.actions?.length) blocks.push({ type: 'actions', block_id: `item:${clip(item.id, 200)}`, elements: itemControls(item.actions) });
  return blocks;
}

/**
 * A reply as Block Kit: a header, the items as sections with fields, the quote, the citation as
 * context, buttons; "N more" when the answer is longer than a message holds.
 */
export function toBlocks(reply: Reply, maxItems = 10, opts: { controlsFirst?: boolean } = {}): { text: string; blocks: Block[] } {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(plain(reply.title), LIMITS.header), emoji: true } }];
  if (reply.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn(reply.text) } });
  // The message's own controls (Snooze, Stop) come first, under the title, apart from the items' buttons.
  const controls = [...(reply.controls ?? []), ...(opts.controlsFirst ? (reply.actions ?? []).filter((a) => CONTROL_ACTIONS.has(a.id)) : [])];
  const replyActions = (reply.actions ?? []).filter((a) => !controls.includes(a));
  if (controls.length) {
    blocks.push({ type: 'actions', block_id: 'controls', elements: controls.slice(0, LIMITS.actionsPerBlock).map((a, i) => button(a, i, DANGER_ACTIONS.has(a.id) ? 'danger' : undefined)) });
  }
  const items = reply.items ?? [];
  const more = reply.more?.count ?? 0;
  /** What follows the first `shownCount` items: their citation notes (once each), "N more", the reply's buttons. */
  const tail = (shownCount: number): Block[] => {
    const out: Block[] = [];
    const notes = citationNotes(items.slice(0, shownCount));
    if (notes.length) out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(notes.map((n) => `Note: ${escape(n)}`).join('\n'), LIMITS.contextText) }] });
    const count = more + items.length - shownCount;
    if (count > 0) out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`…and ${count} more. ${escape(reply.more?.hint ?? 'Ask a narrower question to see them.')}`, LIMITS.contextText) }] });
    if (replyActions.length) out.push({ type: 'actions', elements: replyActions.slice(0, LIMITS.actionsPerBlock).map((a, i) => button(a, i)) });
    return out;
  };
  let shown = 0;
  for (const [i, item] of items.entries()) {
    const next = itemBlocks(item, i + 1);
    // Keep room for a divider and what follows the items.
    if (shown >= maxItems || blocks.length + next.length + 1 + tail(shown + 1).length > LIMITS.blocks) break;
    if (shown > 0) blocks.push({ type: 'divider' });
    blocks.push(...next);
    shown++;
  }
  blocks.push(...tail(shown));
  // The fallback text (notifications) is mrkdwn: escaped like the rest.
  return { text: clip(escape(reply.title), 300), blocks };
}

/**
 * The original message with one item re-rendered (after "Mark done", its status changes and the
 * button goes). Undefined when the message does not show that item.
 */
export function replaceItem(blocks: Block[], item: ReplyItem): Block[] | undefined {
  const end = blocks.findIndex((b) => b.type === 'actions' && b.block_id === `item:${clip(item.id, 200)}`);
  if (end < 0) return undefined;
  // The item's blocks begin with its numbered section ("*3. …").
  const headOf = (b: Block): string => (b.type === 'section' ? ((b as { text?: { text?: string } }).text?.text ?? '') : '');
  let start = end;
  while (start > 0 && !/^\*\d+\. /.test(headOf(blocks[start]!))) start--;
  const n = Number(/^\*(\d+)\./.exec(headOf(blocks[start]!))?.[1] ?? 1);
  return [...blocks.slice(0, start), ...itemBlocks(item, n), ...blocks.slice(end + 1)];
}
