import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockSlack, RecordedCall } from './mock-slack.js';
import { startSlackServer, type SlackServer } from './server.js';
import { form, post } from './signed.js';

let server: SlackServer;
let mock: MockSlack;
beforeAll(async () => {
  server = await startSlackServer();
  mock = server.mock;
});
afterAll(() => server.stop());

type Blocks = Array<{ type: string; elements?: Array<{ value?: string; options?: Array<{ value: string }> }> }>;
const blocksOf = (c: RecordedCall): Blocks => (c.body.view as { blocks: Blocks }).blocks;
const values = (blocks: Blocks): string[] => blocks.flatMap((b) => (b.elements ?? []).flatMap((e) => (e.value ? [e.value] : [])));
/** The commands of the items' overflow menus (⋯): Show source and the like are there. */
const menuValues = (blocks: Blocks): string[] => blocks.flatMap((b) => (b.elements ?? []).flatMap((e) => (e.options ?? []).map((o) => o.value)));
const isPublish = (user: string) => (c: RecordedCall) => c.method === 'views.publish' && c.body.user_id === user;
const isDm = (user: string) => (c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === user;

async function openHome(user: string): Promise<RecordedCall> {
  const from = mock.calls.length;
  const event = { token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvH-${user}-${from}`, event: { type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' } };
  expect((await post(`${server.url}/slack/events`, JSON.stringify(event), { json: true })).status).toBe(200);
  return mock.call(isPublish(user), from);
}

/** A click on App Home as Slack sends it: container "view", the Home view, no channel and no response_url. */
async function clickOnHome(user: string, value: string, actionId = `followup:run:${value.split(' ')[0]}:0`, kind: 'button' | 'overflow' = 'button'): Promise<number> {
  const from = mock.calls.length;
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'bob', name: 'bob', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    container: { type: 'view', view_id: 'VHOME' },
    trigger_id: '1.2.3',
    team: { id: 'T1', domain: 'un' },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: 'VHOME', team_id: 'T1', type: 'home', blocks: [], private_metadata: '', callback_id: '', state: { values: {} }, hash: 'h', app_id: 'A1', bot_id: 'BBOT' },
    actions: [
      kind === 'button'
        ? { action_id: actionId, block_id: 'item:x', text: { type: 'plain_text', text: 'Mark done' }, value, type: 'button', action_ts: '2.1' }
        : { action_id: actionId, block_id: 'item:x', type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'Show source' }, value }, action_ts: '2.1' },
    ],
  };
  const r = await post(`${server.url}/slack/events`, form({ payload: JSON.stringify(payload) }));
  expect(r.status).toBe(200);
  return from;
}

describe('App Home buttons', () => {
  it('Mark done on Home runs the command and re-publishes Home without the button; no DM for a Home update', async () => {
    const home = await openHome('U7');
    const done = values(blocksOf(home)).find((v) => v.startsWith('done '))!;
    expect(done).toBeDefined();
    const from = await clickOnHome('U7', done);
    const republished = await mock.call(isPublish('U7'), from);
    expect(values(blocksOf(republished))).not.toContain(done);
    // Barrier: a second click whose answer is a DM; the first click would have sent its DM before it.
    const source = menuValues(blocksOf(republished)).find((v) => v.startsWith('source '))!;
    const second = await clickOnHome('U7', source, 'followup:run:menu:0', 'overflow');
    const dm = await mock.call(isDm('U7'), second);
    expect(JSON.stringify(dm.body.blocks)).toContain('Cite as');
    expect(mock.calls.slice(from).filter(isDm('U7'))).toEqual([dm]);
    const history = (await post(`${server.url}/slack/events`, form({ token: 'x', team_id: 'T1', channel_id: 'C1', user_id: 'U7', command: '/followup', text: `history ${done.slice(5)}`, response_url: mock.responseUrl('h1') }))).json();
    expect(JSON.stringify(history)).toContain('Bob Lee (slack)'); // the clicker by display name (users.info), not by handle
  });

  it('Show source on Home answers in the DM and refreshes Home', async () => {
    const home = await openHome('U8');
    const source = menuValues(blocksOf(home)).find((v) => v.startsWith('source '))!;
    const from = await clickOnHome('U8', source, 'followup:run:menu:0', 'overflow');
    const dm = await mock.call(isDm('U8'), from);
    expect(dm.body.text).toBeTruthy();
    expect(JSON.stringify(dm.body.blocks)).toContain(source.slice(7));
    expect(mock.calls.slice(from).some(isPublish('U8'))).toBe(true);
  });

  it('a click on an item deleted meanwhile says so in the DM, and stores nothing', async () => {
    const before = server.app.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number };
    const from = await clickOnHome('U9', 'done no-such-item-anymore');
    const dm = await mock.call(isDm('U9'), from);
    expect(JSON.stringify(dm.body)).toMatch(/no-such-item-anymore/);
    await mock.call(isPublish('U9'), from);
    expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM audit').get()).toEqual(before);
  });

  it('an unknown button on Home gets a DM, not silence', async () => {
    const from = await clickOnHome('U10', 'x', 'someone-else:thing');
    const dm = await mock.call(isDm('U10'), from);
    expect(dm.body.text).toMatch(/no longer in use/);
  });
});
