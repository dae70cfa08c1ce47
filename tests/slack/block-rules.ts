import type { ActionsBlockElement, ContextBlockElement, InputBlockElement, KnownBlock, SectionBlockAccessory } from '@slack/types';

/**
 * Block Kit rules every payload the bot sends must follow, derived from @slack/types (the block
 * and element type names, checked against its unions at compile time) and Slack's documented
 * limits (Block Kit reference: blocks, elements, composition objects, views). The mock Web API
 * refuses a payload that breaks one (as Slack does, `invalid_blocks`) and records why.
 */

/** Exactly the names of a union's `type`s: compile errors if @slack/types and the list differ. */
type Exact<U extends string, L extends readonly string[]> = [Exclude<U, L[number]>, Exclude<L[number], U>] extends [never, never] ? L : never;
const names = <U extends string>() => <const L extends readonly string[]>(list: Exact<U, L>): ReadonlySet<string> => new Set(list);

const BLOCK_TYPES = names<KnownBlock['type']>()(['actions', 'alert', 'card', 'carousel', 'container', 'context', 'context_actions', 'data_table', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'table', 'task_card', 'plan', 'video']);
const ACTION_ELEMENTS = names<ActionsBlockElement['type']>()([
  'button', 'checkboxes', 'datepicker', 'datetimepicker', 'multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select',
  'overflow', 'radio_buttons', 'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select', 'timepicker', 'workflow_button', 'rich_text_input',
]);
const CONTEXT_ELEMENTS = names<ContextBlockElement['type']>()(['image', 'plain_text', 'mrkdwn']);
const INPUT_ELEMENTS = names<InputBlockElement['type']>()([
  'checkboxes', 'datepicker', 'datetimepicker', 'email_text_input', 'file_input', 'multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select',
  'multi_channels_select', 'number_input', 'plain_text_input', 'radio_buttons', 'rich_text_input', 'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select',
  'timepicker', 'url_text_input',
]);
const ACCESSORIES = names<SectionBlockAccessory['type']>()([
  'button', 'checkboxes', 'datepicker', 'image', 'multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'overflow',
  'radio_buttons', 'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select', 'timepicker', 'workflow_button',
]);

export type Surface = 'message' | 'modal' | 'home';
const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every rule a payload breaks, with where ("blocks[3].elements[0]: …"); [] when it is valid. */
export function blockKitProblems(blocks: unknown, surface: Surface): string[] {
  const out: string[] = [];
  const bad = (at: string, why: string) => out.push(`${at}: ${why}`);
  if (!Array.isArray(blocks)) return ['blocks: not an array'];
  if (blocks.length > MAX_BLOCKS[surface]) bad('blocks', `${blocks.length} blocks, a ${surface} holds ${MAX_BLOCKS[surface]}`);
  const blockIds = new Set<string>();
  const text = (at: string, t: unknown, max: number, kinds: readonly string[] = ['plain_text', 'mrkdwn']) => {
    if (!isObj(t)) return bad(at, 'not a text object');
    if (!kinds.includes(String(t.type))) bad(at, `text type ${String(t.type)}, expected ${kinds.join(' or ')}`);
    if (typeof t.text !== 'string' || t.text.length === 0) bad(at, 'empty text');
    else if (t.text.length > max) bad(at, `${t.text.length} characters, at most ${max}`);
  };
  const option = (at: string, o: unknown) => {
    if (!isObj(o)) return bad(at, 'not an option');
    text(`${at}.text`, o.text, 75, ['plain_text']);
    if (typeof o.value !== 'string' || o.value.length === 0 || o.value.length > 150) bad(at, 'option value must be 1-150 characters');
  };
  const element = (at: string, e: unknown, allowed: ReadonlySet<string>, actionIds: Set<string>) => {
    if (!isObj(e)) return bad(at, 'not an element');
    const type = String(e.type);
    if (!allowed.has(type)) return bad(at, `element ${type} is not allowed here`);
    if (e.action_id !== undefined) {
      if (typeof e.action_id !== 'string' || e.action_id.length > 255) bad(at, 'action_id over 255 characters');
      else if (actionIds.has(e.action_id)) bad(at, `duplicate action_id ${e.action_id}`);
      else actionIds.add(e.action_id);
    }
    if (e.placeholder !== undefined) text(`${at}.placeholder`, e.placeholder, 150, ['plain_text']);
    if (type === 'button') {
      text(`${at}.text`, e.text, 75, ['plain_text']);
      if (typeof e.value === 'string' && e.value.length > 2_000) bad(at, 'button value over 2,000 characters');
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') bad(at, `button style ${String(e.style)}`);
      if (typeof e.url === 'string' && e.url.length > 3_000) bad(at, 'url over 3,000 characters');
    }
    if (type === 'overflow') {
      const opts = e.options;
      if (!Array.isArray(opts) || opts.length < 1 || opts.length > 5) bad(at, 'an overflow holds 1-5 options');
      else opts.forEach((o, i) => option(`${at}.options[${i}]`, o));
    }
    if (type === 'static_select') {
      const opts = e.options;
      if (!Array.isArray(opts) || opts.length < 1 || opts.length > 100) bad(at, 'a static_select holds 1-100 options');
      else opts.forEach((o, i) => option(`${at}.options[${i}]`, o));
      if (e.initial_option !== undefined && !(opts as Json[]).some((o) => o.value === (e.initial_option as Json).value)) bad(at, 'initial_option is not one of the options');
    }
    if (type === 'external_select' && e.initial_option !== undefined) option(`${at}.initial_option`, e.initial_option);
    if (type === 'plain_text_input') {
      const max = typeof e.max_length === 'number' ? e.max_length : 3_000;
      if (max > 3_000) bad(at, 'max_length over 3,000');
      if (typeof e.initial_value === 'string' && e.initial_value.length > max) bad(at, `initial_value longer than max_length ${max}`);
    }
  };
  blocks.forEach((b, i) => {
    const at = `blocks[${i}]`;
    if (!isObj(b)) return bad(at, 'not a block');
    const type = String(b.type);
    if (!BLOCK_TYPES.has(type)) return bad(at, `unknown block type ${type}`);
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || b.block_id.length === 0 || b.block_id.length > 255) bad(at, 'block_id must be 1-255 characters');
      else if (blockIds.has(b.block_id)) bad(at, `duplicate block_id ${b.block_id}`);
      else blockIds.add(b.block_id);
    }
    const actionIds = new Set<string>(); // action_id is unique within its block
    switch (type) {
      case 'header':
        text(`${at}.text`, b.text, 150, ['plain_text']);
        break;
      case 'section':
        if (b.text === undefined && b.fields === undefined) bad(at, 'a section needs text or fields');
        if (b.text !== undefined) text(`${at}.text`, b.text, 3_000);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length > 10) bad(at, 'at most 10 fields');
          else b.fields.forEach((f, j) => text(`${at}.fields[${j}]`, f, 2_000));
        }
        if (b.accessory !== undefined) element(`${at}.accessory`, b.accessory, ACCESSORIES, actionIds);
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 10) bad(at, 'a context holds 1-10 elements');
        else b.elements.forEach((e, j) => (isObj(e) && e.type !== 'image' ? text(`${at}.elements[${j}]`, e, 3_000) : element(`${at}.elements[${j}]`, e, CONTEXT_ELEMENTS, actionIds)));
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 25) bad(at, 'an actions block holds 1-25 elements');
        else b.elements.forEach((e, j) => element(`${at}.elements[${j}]`, e, ACTION_ELEMENTS, actionIds));
        break;
      case 'input':
        if (surface === 'message') bad(at, 'input blocks belong in modals and Home');
        text(`${at}.label`, b.label, 2_000, ['plain_text']);
        if (b.hint !== undefined) text(`${at}.hint`, b.hint, 2_000, ['plain_text']);
        element(`${at}.element`, b.element, INPUT_ELEMENTS, actionIds);
        break;
      case 'divider':
        break;
      default:
        bad(at, `block type ${type} is not one the bot sends`);
    }
  });
  return out;
}

/** A view (views.open / views.publish): its own limits, then its blocks. */
export function viewProblems(view: unknown): string[] {
  if (!isObj(view)) return ['view: not an object'];
  const out: string[] = [];
  const type = String(view.type);
  if (type !== 'modal' && type !== 'home') return [`view type ${type}`];
  if (type === 'modal') {
    for (const k of ['title', 'submit', 'close'] as const) {
      const t = view[k] as Json | undefined;
      if (t === undefined) {
        if (k === 'title') out.push('view.title: required');
        continue;
      }
      if (t.type !== 'plain_text' || typeof t.text !== 'string' || t.text.length === 0 || t.text.length > 24) out.push(`view.${k}: plain_text of 1-24 characters`);
    }
    const hasInput = Array.isArray(view.blocks) && (view.blocks as Json[]).some((b) => b.type === 'input');
    if (hasInput && view.submit === undefined) out.push('view.submit: required with input blocks');
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3_000) out.push(`view.private_metadata: ${view.private_metadata.length} characters, at most 3,000`);
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) out.push('view.callback_id: over 255 characters');
  return [...out, ...blockKitProblems(view.blocks, type === 'modal' ? 'modal' : 'home')];
}

/** A message (chat.postMessage, a response_url post, a slash command's ack). */
export function messageProblems(m: unknown): string[] {
  if (!isObj(m)) return ['message: not an object'];
  const out: string[] = [];
  if (m.blocks !== undefined && (typeof m.text !== 'string' || m.text.length === 0)) out.push('text: a message with blocks needs fallback text');
  if (typeof m.text === 'string' && m.text.length > 40_000) out.push('text: over 40,000 characters');
  return m.blocks === undefined ? out : [...out, ...blockKitProblems(m.blocks, 'message')];
}
