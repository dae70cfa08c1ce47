import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockSlack, RecordedCall } from './mock-slack.js';
import { startSlackServer, type SlackServer } from './server.js';
import { form, post } from './signed.js';

let server: SlackServer;
let mock: MockSlack;
beforeAll(async () => {
  server = await startSlackServer('2014-03-03T10:00:00Z');
  mock = server.mock;
});
afterAll(() => server.stop());

type View = { callback_id?: string; private_metadata?: string; title: { text: string }; blocks: Array<{ block_id?: string; type: string; element?: Record<string, unknown>; text?: { text: string } }> };
const interactive = (payload: Record<string, unknown>) => post(`${server.url}/slack/events`, form({ payload: JSON.stringify(payload) }));
const base = { token: 'x', api_app_id: 'A1', team: { id: 'T1', domain: 'un' }, user: { id: 'U7', username: 'bob', team_id: 'T1' }, is_enterprise_install: false, enterprise: null };
const isOpen = (c: RecordedCall) => c.method === 'views.open';
const viewOf = (c: RecordedCall) => c.body.view as View;
const el = (v: View, block: string) => v.blocks.find((b) => b.block_id === block)!.element!;
const count = (table: string) => (server.app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

async function shortcutOn(message: Record<string, unknown>, trigger: string): Promise<View> {
  const from = mock.calls.length;
  const r = await interactive({ ...base, type: 'message_action', callback_id: 'followup_track_message', trigger_id: trigger, message_ts: message.ts, channel: { id: 'C1', name: 'migration' }, response_url: mock.responseUrl('ma'), message: { type: 'message', ...message } });
  expect(r.status).toBe(200);
  const open = await mock.call(isOpen, from);
  expect(open.body.trigger_id).toBe(trigger);
  return viewOf(open);
}

function values(over: Record<string, unknown> = {}): Record<string, Record<string, unknown>> {
  return {
    summary: { value: { type: 'plain_text_input', value: 'Circulate the draft' } },
    actor: { 'followup:options:actor': { type: 'external_select', selected_option: { value: 'ilo', text: { type: 'plain_text', text: 'ILO' } } } },
    new_actor: { value: { type: 'plain_text_input', value: null } },
    owner: { value: { type: 'users_select', selected_user: 'U1' } },
    due: { value: { type: 'plain_text_input', value: '15 March 2014' } },
    meeting: { value: { type: 'static_select', selected_option: { value: 'chat' } } },
    ...over,
  };
}
const submit = (metadata: string, state: Record<string, unknown>, callback = 'followup_track') =>
  interactive({ ...base, type: 'view_submission', trigger_id: 't2', view: { id: 'V1', type: 'modal', callback_id: callback, private_metadata: metadata, state: { values: state }, hash: 'h' } });

describe('Track as commitment (message shortcut)', () => {
  it('opens a form prefilled from the message; submitting stores the item with its provenance and DMs it', async () => {
    const view = await shortcutOn({ ts: '1393840800.000100', user: 'U1', text: 'ILO will circulate the draft by 15 March' }, 'tr1');
    expect(view.callback_id).toBe('followup_track');
    expect(el(view, 'summary').initial_value).toBe('ILO will circulate the draft by 15 March');
    expect(el(view, 'actor').initial_option).toMatchObject({ value: 'ilo', text: { text: 'ILO' } });
    expect(el(view, 'due').initial_value).toBe('15 March');
    expect(JSON.stringify(view.blocks.find((b) => b.block_id === 'due'))).toContain('by 15 March 2014 (a day)');
    expect(el(view, 'meeting').initial_option).toMatchObject({ value: 'chat', text: { text: 'Chat in #migration' } });
    const from = mock.calls.length;
    const r = await submit(view.private_metadata!, values());
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const dm = await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'U7', from);
    const shown = JSON.stringify(dm.body.blocks);
    expect(shown).toContain('Tracked:');
    expect(shown).toContain('<https://un.slack.com/archives/C1/p1393840800000100|message by Ana Ruiz in #migration, 3 Mar 2014>');
    expect(shown).toContain('@Ana Ruiz'); // the owner, by name
    const row = server.app.db.prepare('SELECT * FROM commitment_messages').get() as Record<string, string>;
    expect(row).toMatchObject({ platform: 'slack', team: 'T1', channel_id: 'C1', message_id: '1393840800.000100', author_id: 'U1', captured_by: 'bob' });
  });

  it('errors field by field (unreadable date, no actor), and stores nothing', async () => {
    const view = await shortcutOn({ ts: '1393840900.000200', user: 'U1', text: 'We will look into it' }, 'tr2');
    const before = count('commitments');
    const r = await submit(view.private_metadata!, values({ due: { value: { value: 'the twelfth of never' } }, actor: { 'followup:options:actor': { selected_option: null } } }));
    expect(r.json()).toEqual({ response_action: 'errors', errors: { actor: expect.stringMatching(/Who committed/), due: expect.stringMatching(/not a date I can read/) } });
    const past = await submit(view.private_metadata!, values({ due: { value: { value: '1 February 2014' } } }));
    expect(past.json()).toEqual({ response_action: 'errors', errors: { due: expect.stringMatching(/has passed/) } });
    expect(count('commitments')).toBe(before);
  });

  it('a message whose channel was deleted meanwhile gets an error in the form, and nothing is stored', async () => {
    const view = await shortcutOn({ ts: '1393841000.000300', user: 'U1', text: 'UNHCR will share figures by April 2014' }, 'tr3');
    mock.script('chat.getPermalink', { body: { ok: false, error: 'channel_not_found' } });
    const before = count('commitments');
    const r = await submit(view.private_metadata!, values());
    expect(r.json()).toMatchObject({ response_action: 'errors', errors: { summary: expect.stringMatching(/channel of this message no longer exists/) } });
    expect(count('commitments')).toBe(before);
  });

  it('a message with no text (a file) says so in a modal; a 40,000-character one opens within the limits', async () => {
    const notice = await shortcutOn({ ts: '1393841100.000400', user: 'U1', text: '', files: [{ id: 'F1', name: 'minutes.pdf' }] }, 'tr4');
    expect(notice.title.text).toBe('Nothing to track');
    expect(JSON.stringify(notice.blocks)).toContain('This message has a file');
    const long = await shortcutOn({ ts: '1393841200.000500', user: 'U1', text: `ILO will report by 15 March. ${'word '.repeat(8_000)}`.slice(0, 40_000) }, 'tr5');
    expect(long.private_metadata!.length).toBeLessThanOrEqual(3_000);
    expect(String(el(long, 'summary').initial_value).length).toBeLessThanOrEqual(300);
    const r = await submit(long.private_metadata!, values({ summary: { value: { value: 'Report on the survey' } } }));
    expect(r.text).toBe('');
    const quote = server.app.db.prepare("SELECT length(quote) AS n FROM commitments WHERE summary = 'Report on the survey'").get() as { n: number };
    expect(quote.n).toBeGreaterThan(1_000);
    expect(quote.n).toBeLessThanOrEqual(2_000);
  });

  it('the global shortcut and /followup new open the same form, empty', async () => {
    let from = mock.calls.length;
    await interactive({ ...base, type: 'shortcut', callback_id: 'followup_new_commitment', trigger_id: 'g1', action_ts: '1.1' });
    const global = viewOf(await mock.call(isOpen, from));
    expect(global.callback_id).toBe('followup_track');
    expect(el(global, 'summary').initial_value).toBeUndefined();
    from = mock.calls.length;
    const ack = await post(`${server.url}/slack/events`, form({ token: 'x', team_id: 'T1', channel_id: 'C1', channel_name: 'migration', user_id: 'U7', command: '/followup', text: 'new', response_url: mock.responseUrl('new'), trigger_id: 'g2' }));
    expect(ack.text).toBe('');
    const typed = viewOf(await mock.call((c) => isOpen(c) && c.body.trigger_id === 'g2', from));
    expect(el(typed, 'meeting').initial_option).toMatchObject({ text: { text: 'Chat in #migration' } });
  });
});

describe('New reminder (from App Home)', () => {
  it('opens from Home, finds items by typing (the bot’s search), and sets the reminder; a bad time is an error in the form', async () => {
    const from = mock.calls.length;
    await interactive({ ...base, type: 'block_actions', container: { type: 'view', view_id: 'VH' }, trigger_id: 'h1', view: { id: 'VH', type: 'home' }, actions: [{ type: 'button', action_id: 'followup:modal:reminder', block_id: 'home:forms', action_ts: '1.2' }] });
    const view = viewOf(await mock.call(isOpen, from));
    expect(view.callback_id).toBe('followup_new_reminder');
    const options = await interactive({ ...base, type: 'block_suggestion', action_id: 'followup:options:item', block_id: 'item', value: 'recruitment costs', view: { id: 'V2', callback_id: 'followup_new_reminder' } });
    const found = (options.json() as { options: Array<{ value: string }> }).options.map((o) => o.value);
    expect(found).toContain('knomad-recruitment-costs');
    const state = (when: string) => ({
      item: { 'followup:options:item': { selected_option: { value: 'knomad-recruitment-costs' } } },
      when: { value: { value: when } },
      date: { value: { selected_date: null } },
      repeat: { value: { selected_option: { value: 'once' } } },
      where: { value: { selected_conversation: null } },
    });
    const bad = await submit('', state('whenever you like'), 'followup_new_reminder');
    expect(bad.json()).toMatchObject({ response_action: 'errors', errors: { when: expect.any(String) } });
    const before = mock.calls.length;
    const ok = await submit('', state('tomorrow at 9'), 'followup_new_reminder');
    expect(ok.text).toBe('');
    const dm = await mock.call((c) => c.method === 'chat.postMessage' && c.body.channel === 'U7', before);
    expect(JSON.stringify(dm.body.blocks)).toContain("OK — I'll remind you");
  });
});
