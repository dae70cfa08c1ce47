import { citationNotes, IN_PLACE_ACTIONS, type Citation, type Highlighted, type Reply, type ReplyAction, type ReplyItem } from '../../src/core/reply.js';
import { clip } from '../../src/core/text.js';
import { lines, md, prose } from './markdown.js';

export { md } from './markdown.js';

export type Card = Record<string, unknown>;
type Element = Record<string, unknown>;

/** Teams refuses activities over about 28 KB; the card keeps a margin for the activity around it. */
export const MAX_CARD_BYTES = 26_000;
/** Items in one chat answer; the rest is "N more" with how to narrow. */
export const MESSAGE_ITEMS = 5;
/** The marker on our buttons' data: anything else is not ours. */
export const SUBMIT_MARKER = 'followup';
/** The verb of the card's own refresh (Universal Actions): re-run the command that made the card. */
export const REFRESH_VERB = 'refresh';

/** How a card refreshes itself when it is shown (Teams: for everyone in chats under 60 people, else for `userIds`). */
export interface CardRefresh {
  /** The read-only command whose answer the card is. */
  command: string;
  userIds: string[];
}

function quoted(q: Highlighted): string {
  let out = '';
  let at = 0;
  for (const [s, e] of q.highlights) {
    out += md(q.text.slice(at, s)) + `**${md(q.text.slice(s, e))}**`;
    at = e;
  }
  return lines(`“${out + md(q.text.slice(at))}”`);
}

/**
 * A button as a Universal Action: Teams sends it to the bot as an `adaptiveCard/action` invoke
 * (verb and data), and the card the bot answers with replaces the one clicked.
 */
const STYLE = { primary: 'positive', danger: 'destructive' } as const;

function execute(a: ReplyAction, source?: string, secondary = false): Element {
  // An in-place button names the card's source command, so the card can be rebuilt after a restart.
  const from = source && IN_PLACE_ACTIONS.has(a.id) ? { source } : {};
  return {
    type: 'Action.Execute',
    title: clip(a.label, 40),
    verb: a.id,
    data: { [SUBMIT_MARKER]: 'run', command: a.command, action: a.id, ...from },
    ...(a.style ? { style: STYLE[a.style] } : {}),
    // Secondary actions go in the action set's "…" overflow menu.
    ...(secondary ? { mode: 'secondary' } : {}),
  };
}

/**
 * An item's buttons, quietly: one shown (the one styled primary, else the one that changes the
 * item in place, else the first), the others in the overflow menu.
 */
function itemActions(actions: readonly ReplyAction[], source?: string): Element {
  const shown = actions.findIndex((a) => a.style === 'primary');
  const primary = shown >= 0 ? shown : Math.max(0, actions.findIndex((a) => IN_PLACE_ACTIONS.has(a.id)));
  const ordered = [actions[primary]!, ...actions.filter((_, i) => i !== primary)];
  return { type: 'ActionSet', actions: ordered.slice(0, 6).map((a, i) => execute(a, source, i > 0)) };
}

/** A citation's label, a link to the message when it has one (an item captured from chat): only plain https URLs. */
function citationLabel(c: Citation): string {
  const url = c.url && /^https:\/\/[^\s<>"]+$/.test(c.url) ? c.url.replace(/[()[\]]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`) : undefined;
  return url ? `[${md(c.label)}](${url})` : md(c.label);
}

function itemElement(item: ReplyItem, n: number, source?: string): Element {
  const items: Element[] = [{ type: 'TextBlock', text: clip(`**${n}. ${md(item.title)}**`, 2_000), wrap: true }];
  if (item.text) items.push({ type: 'TextBlock', text: clip(prose(item.text), 2_000), wrap: true, spacing: 'Small' });
  if (item.fields.length) items.push({ type: 'FactSet', facts: item.fields.slice(0, 10).map((f) => ({ title: md(f.label), value: clip(lines(md(f.value)), 1_000) })) });
  if (item.quote) items.push({ type: 'Container', style: 'emphasis', items: [{ type: 'TextBlock', text: clip(quoted(item.quote), 3_000), wrap: true }] });
  if (item.citation) items.push({ type: 'TextBlock', text: clip(`${citationLabel(item.citation)} · ${md(item.id)}`, 1_000), wrap: true, isSubtle: true, size: 'Small', spacing: 'Small' });
  if (item.actions?.length) items.push(itemActions(item.actions, source));
  return { type: 'Container', id: `item:${n}:${item.id}`, separator: n > 1, spacing: 'Medium', items };
}

const bytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v));

/**
 * A reply as an Adaptive Card (schema 1.5): a heading, the items with their fields, quote,
 * citation and buttons, then "N more" and the reply's own buttons. Items that would take the card
 * over MAX_CARD_BYTES (or past `maxItems`, unless the reply is a `whole` overview) are counted in
 * "N more" instead.
 */
export function toCard(reply: Reply, maxItems = MESSAGE_ITEMS, refresh?: CardRefresh): Card {
  const body: Element[] = [{ type: 'TextBlock', text: clip(md(reply.title), 400), wrap: true, weight: 'Bolder', size: 'Medium', style: 'heading' }];
  if (reply.text) body.push({ type: 'TextBlock', text: clip(prose(reply.text), 3_000), wrap: true });
  // The message's own controls (Snooze, Stop) first, on their own band, before any item.
  if (reply.controls?.length) body.push({ type: 'Container', style: 'emphasis', items: [{ type: 'ActionSet', actions: reply.controls.slice(0, 6).map((a) => execute(a)) }] });
  const card: Card = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', msteams: { width: 'Full' }, body };
  if (refresh) card.refresh = { action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { [SUBMIT_MARKER]: REFRESH_VERB, command: refresh.command } }, userIds: refresh.userIds.slice(0, 60) };
  if (reply.actions?.length) card.actions = reply.actions.slice(0, 6).map((a) => execute(a, refresh?.command));
  const items = reply.items ?? [];
  const tail = (left: number): Element | undefined => {
    const count = left + (reply.more?.count ?? 0);
    return count > 0 ? { type: 'TextBlock', text: clip(`…and ${count} more. ${prose(reply.more?.hint ?? 'Ask a narrower question to see them.')}`, 1_000), wrap: true, isSubtle: true } : undefined;
  };
  const notesOf = (n: number): Element | undefined => {
    const notes = citationNotes(items.slice(0, n));
    return notes.length ? { type: 'TextBlock', text: clip(notes.map((x) => `Note: ${md(x)}`).join('\n\n'), 2_000), wrap: true, isSubtle: true, size: 'Small' } : undefined;
  };
  let size = bytes(card) + 600; // room for the "more" line
  let shown = 0;
  for (const [i, item] of items.entries()) {
    if (shown >= (reply.whole ? items.length : maxItems)) break;
    const el = itemElement(item, i + 1, refresh?.command);
    const add = bytes(el) + 1;
    // The notes of the items shown come under them: keep room for them too.
    if (size + add + bytes(notesOf(shown + 1) ?? '') > MAX_CARD_BYTES) break;
    body.push(el);
    size += add;
    shown++;
  }
  const notes = notesOf(shown);
  if (notes) body.push(notes);
  const more = tail(items.length - shown);
  if (more) body.push(more);
  return card;
}

/**
 * The card with one item re-rendered (after "Mark done" its status changes and its button goes).
 * Undefined when the card does not show that item.
 */
export function replaceItem(card: Card, item: ReplyItem): Card | undefined {
  const body = card.body as Element[] | undefined;
  const at = body?.findIndex((el) => typeof el.id === 'string' && el.id.startsWith('item:') && el.id.slice(el.id.indexOf(':', 5) + 1) === item.id) ?? -1;
  if (!body || at < 0) return undefined;
  const n = Number((body[at]!.id as string).split(':')[1]);
  const source = (card.refresh as { action?: { data?: { command?: string } } } | undefined)?.action?.data?.command;
  return { ...card, body: [...body.slice(0, at), itemElement(item, n, source), ...body.slice(at + 1)] };
}

/** Plain text for places a card cannot go (and for errors and one-line answers). */
export function toText(reply: Reply): string {
  const parts = [`**${md(reply.title)}**`];
  if (reply.text) parts.push(prose(reply.text));
  return parts.join('\n\n');
}
