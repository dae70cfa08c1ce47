import querystring from 'node:querystring';
import { z } from 'zod';

/**
 * A verified request to /slack/events, read: a body for Bolt's listeners (projected onto the
 * fields this app uses, so Bolt never meets a shape it cannot handle), Slack's URL check, a
 * well-formed payload of a kind this app does not serve, or a refusal.
 */
export type SlackPayload =
  | { kind: 'bolt'; body: Record<string, unknown> }
  | { kind: 'challenge'; challenge: string }
  | { kind: 'ignored'; type: string }
  | { kind: 'bad'; status: 400 | 415; reason: string };

export const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const str = z.string();
/** A workspace or organisation id (T…, E…): Bolt keys its clients by it, so `toString` must never pass. */
const workspace = z.string().regex(/^[A-Z0-9]{1,64}$/, 'expected a Slack id such as T0123ABCD');

/** A slash command (form fields: a repeated field is an array, and refused). */
const command = z.object({
  command: str,
  text: str.default(''),
  user_id: str,
  channel_id: str,
  team_id: workspace.optional(),
  team_domain: str.optional(),
  enterprise_id: workspace.optional(),
  is_enterprise_install: str.optional(),
  user_name: str.optional(),
  channel_name: str.optional(),
  api_app_id: str.optional(),
  response_url: str.optional(),
  trigger_id: str.optional(),
});

const at = { ts: str.optional(), event_ts: str.optional(), thread_ts: str.optional(), team: str.optional() };
/** The events the manifest subscribes to. */
const servedEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('app_mention'), text: str, channel: str, user: str.optional(), bot_id: str.optional(), subtype: str.optional(), ...at }),
  z.object({ type: z.literal('message'), channel: str, channel_type: str.optional(), text: str.optional(), user: str.optional(), bot_id: str.optional(), subtype: str.optional(), ...at }),
  z.object({ type: z.literal('app_home_opened'), user: str, channel: str.optional(), tab: str.optional(), event_ts: str.optional() }),
  // The install flow forgets a workspace's installation when the app is removed or its bot token revoked.
  z.object({ type: z.literal('app_uninstalled'), event_ts: str.optional() }),
  z.object({ type: z.literal('tokens_revoked'), tokens: z.object({ oauth: z.array(str).max(100).optional(), bot: z.array(str).max(100).optional() }), event_ts: str.optional() }),
]);
const SERVED_EVENTS = new Set(['app_mention', 'message', 'app_home_opened', 'app_uninstalled', 'tokens_revoked']);
const eventCallback = z.object({
  type: z.literal('event_callback'),
  event: z.looseObject({ type: str }),
  team_id: workspace.optional(),
  enterprise_id: workspace.optional(),
  api_app_id: str.optional(),
  event_id: str.optional(),
  event_time: z.number().optional(),
  is_enterprise_install: z.boolean().optional(),
  /** Whose installation the event is for (an org-wide install: is_enterprise_install, and team_id may be null). */
  authorizations: z
    .array(z.object({ enterprise_id: workspace.nullable().optional(), team_id: workspace.nullable().optional(), user_id: str.optional(), is_bot: z.boolean().optional(), is_enterprise_install: z.boolean().optional() }))
    .max(10)
    .optional(),
});

/** A button click (block_actions); App Home clicks carry no channel and no response_url. */
const blockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: str, username: str.optional(), name: str.optional(), team_id: workspace.optional() }),
  team: z.object({ id: workspace, domain: str.optional(), enterprise_id: workspace.optional() }).nullable().optional(),
  enterprise: z.object({ id: workspace }).nullable().optional(),
  is_enterprise_install: z.boolean().optional(),
  channel: z.object({ id: str, name: str.optional() }).optional(),
  api_app_id: str.optional(),
  trigger_id: str.optional(),
  response_url: str.optional(),
  actions: z
    .array(z.object({ action_id: str, block_id: str.optional(), type: str.optional(), value: str.optional(), action_ts: str.optional(), selected_option: z.object({ value: str }).optional() }))
    .min(1),
  message: z.object({ text: str.optional(), ts: str.optional(), blocks: z.array(z.looseObject({ type: str })).optional() }).optional(),
  /** Where the click was: `message`, or `view` (App Home, a modal: then there is no response_url). */
  container: z.object({ type: str, view_id: str.optional(), message_ts: str.optional(), channel_id: str.optional() }).optional(),
  view: z.object({ id: str.optional(), type: str, callback_id: str.optional() }).optional(),
});

const who = z.object({ id: str, username: str.optional(), name: str.optional(), team_id: workspace.optional() });
const teamOf = z.object({ id: workspace, domain: str.optional(), enterprise_id: workspace.optional() }).nullable().optional();
const common = { user: who, team: teamOf, enterprise: z.object({ id: workspace }).nullable().optional(), is_enterprise_install: z.boolean().optional(), api_app_id: str.optional(), token: str.optional() };

/** A global shortcut, or a message shortcut (which carries the message, up to 40,000 characters, and its files). */
const shortcut = z.object({ type: z.literal('shortcut'), callback_id: str, trigger_id: str, action_ts: str.optional(), ...common });
const messageAction = z.object({
  type: z.literal('message_action'),
  callback_id: str,
  trigger_id: str,
  message_ts: str.optional(),
  response_url: str.optional(),
  channel: z.object({ id: str, name: str.optional() }).optional(),
  message: z.object({ ts: str.optional(), text: str.optional(), user: str.optional(), bot_id: str.optional(), subtype: str.optional(), files: z.array(z.looseObject({})).optional() }).optional(),
  ...common,
});
/** A modal submitted: what was typed is in view.state.values (block → action → value). */
const viewSubmission = z.object({
  type: z.literal('view_submission'),
  trigger_id: str.optional(),
  view: z.object({ id: str, type: str, callback_id: str, private_metadata: str.default(''), state: z.object({ values: z.record(str, z.record(str, z.looseObject({}))) }), hash: str.optional() }),
  ...common,
});
/** Type-ahead in an external_select. */
const blockSuggestion = z.object({ type: z.literal('block_suggestion'), action_id: str, block_id: str, value: str, view: z.looseObject({ id: str.optional(), callback_id: str.optional() }).optional(), ...common });
const INTERACTIVE: Record<string, z.ZodType<Record<string, unknown>>> = { block_actions: blockActions, shortcut, message_action: messageAction, view_submission: viewSubmission, block_suggestion: blockSuggestion };

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Slack's SSL check (`ssl_check=1`, sent unsigned): answered without running anything. */
export function isSslCheck(type: string, text: string): boolean {
  return type === FORM && /(?:^|&)ssl_check=1(?:&|$)/.test(text);
}

/** Reads a verified body: JSON for the Events API, a form for slash commands and (as `payload=`) button clicks. */
export function readPayload(type: string, text: string): SlackPayload {
  if (type === JSON_TYPE) {
    const value = parseJson(text);
    return value === undefined ? bad('the body is not JSON') : envelope(value);
  }
  if (type !== FORM) return { kind: 'bad', status: 415, reason: `expected ${JSON_TYPE} or ${FORM}` };
  const fields = querystring.parse(text);
  if (fields.payload === undefined) return fields.command === undefined ? bad('expected a slash command or an interactive payload') : project(command, { ...fields }, 'a slash command');
  if (typeof fields.payload !== 'string') return bad('payload is given more than once');
  const value = parseJson(fields.payload);
  if (!isRecord(value) || typeof value.type !== 'string') return bad('payload is not an interactive payload with a type');
  const schema = INTERACTIVE[value.type];
  return schema ? project(schema, value, `a ${value.type} payload`) : { kind: 'ignored', type: value.type };
}

function envelope(value: unknown): SlackPayload {
  if (!isRecord(value) || typeof value.type !== 'string') return bad('expected an Events API object with a type');
  if (value.type === 'url_verification') return typeof value.challenge === 'string' ? { kind: 'challenge', challenge: value.challenge } : bad('url_verification without a challenge');
  if (value.type !== 'event_callback') return { kind: 'ignored', type: value.type };
  const outer = eventCallback.safeParse(value);
  if (!outer.success) return bad(`not an event_callback: ${issue(outer.error)}`);
  if (!SERVED_EVENTS.has(outer.data.event.type)) return { kind: 'ignored', type: outer.data.event.type };
  const event = servedEvent.safeParse(outer.data.event);
  if (!event.success) return bad(`not a ${outer.data.event.type} event: ${issue(event.error)}`);
  return { kind: 'bolt', body: { ...outer.data, event: event.data } };
}

function project(schema: z.ZodType<Record<string, unknown>>, value: unknown, what: string): SlackPayload {
  const r = schema.safeParse(value);
  return r.success ? { kind: 'bolt', body: r.data } : bad(`not ${what}: ${issue(r.error)}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'invalid';
}

function bad(reason: string): SlackPayload {
  return { kind: 'bad', status: 400, reason };
}
