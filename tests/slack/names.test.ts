import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockSlack } from './mock-slack.js';
import { startSlackServer, type SlackServer } from './server.js';
import { form, post } from './signed.js';

let server: SlackServer;
let mock: MockSlack;
beforeAll(async () => {
  server = await startSlackServer();
  mock = server.mock;
});
afterAll(() => server.stop());

const ask = async (text: string, extra: Record<string, string> = {}): Promise<string> =>
  JSON.stringify(
    (await post(`${server.url}/slack/events`, form({ token: 'x', team_id: 'T1', channel_id: 'C1', channel_name: 'migration', user_id: 'U1', user_name: 'ana', command: '/followup', text, response_url: mock.responseUrl('n'), trigger_id: 't', ...extra }))).json(),
  );
const lookups = (method: string) => mock.calls.filter((c) => c.method === method);

describe('names, never ids (Slack)', () => {
  it('a channel Slack names in the command (<#C1|migration>) is shown by name without a lookup', async () => {
    const before = lookups('conversations.info').length;
    const r = await ask('remind <#C1|migration> every monday at 9am about gfmd');
    expect(r).toContain("OK — I'll remind #migration every");
    expect(r).not.toContain('#C1');
    expect(lookups('conversations.info').length).toBe(before);
  });

  it('a channel given by id only is looked up once (conversations.info) and then cached', async () => {
    const before = lookups('conversations.info').length;
    expect(await ask('reminders <#C2>')).toContain('No reminders for #gfmd-team');
    expect(await ask('remind <#C2> every friday at 10am about gfmd')).toContain("I'll remind #gfmd-team");
    const list = await ask('reminders <#C2>');
    expect(list).toContain('Reminders for #gfmd-team');
    expect(list).toContain('*Where*\\n#gfmd-team');
    expect(lookups('conversations.info').slice(before).map((c) => c.body.channel)).toEqual(['C2']);
  });

  it('owners are shown by display name (users.info), in the answer and in show', async () => {
    expect(await ask('assign owg-focus-areas <@U7>')).toContain('owg-focus-areas is now owned by @Bob Lee');
    const show = await ask('show owg-focus-areas');
    expect(show).toContain('*Owner*\\n@Bob Lee');
    expect(show).not.toContain('@U7');
    expect(await ask('history owg-focus-areas')).toContain('@Bob Lee');
    expect(lookups('users.info').filter((c) => c.body.user === 'U7')).toHaveLength(1);
  });

  it('history and summary say who changed an item by display name (users.info), not by Slack handle', async () => {
    await ask('progress knomad-recruitment-costs survey sent to 12 corridors');
    const history = await ask('history knomad-recruitment-costs');
    expect(history).toContain('*By*\\nAna Ruiz (slack)');
    expect(history).not.toContain('ana (slack)');
    const summary = await ask('summary KNOMAD');
    expect(summary).toContain('“survey sent to 12 corridors” by Ana Ruiz');
    expect(summary).not.toMatch(/by (U1|ana)\b/);
  });

  it('a channel Slack no longer knows (deleted) keeps its id, and the answer still comes', async () => {
    expect(await ask('reminders <#C99>')).toContain('No reminders for #C99');
  });

  it('lookups answered from the cache make no name call', async () => {
    for (const q of ['what did KNOMAD commit to?', 'agenda 7', 'gfmd']) await ask(q);
    const before = mock.calls.length;
    for (const q of ['what did KNOMAD commit to?', 'agenda 7', 'gfmd']) await ask(q, { user_id: 'U55' });
    expect(mock.calls.slice(before).map((c) => c.method)).toEqual([]);
  });
});
