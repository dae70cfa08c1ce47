import { beforeAll, describe, expect, it } from 'vitest';
import { channelMention, personalMessage, postActivity, TENANT } from './mock-connector.js';
import { useTeamsServer } from './server.js';
import { expectValidCard, expectValidCards } from './validate-card.js';

const env = useTeamsServer();
beforeAll(async () => {
  // The bot is in the Migration channel: it was @mentioned there once.
  expect((await postActivity(env.url, channelMention(env.connector.url, 'help'))).status).toBe(200);
});

const LINK = 'https://teams.microsoft.com/l/message/19:migration@thread.tacv2/1700000000123?groupId=g&parentMessageId=1700000000123';
const payload = (content: string, over: Record<string, unknown> = {}) => ({
  id: '1700000000123',
  createdDateTime: '2014-06-14T10:00:00.000Z',
  linkToMessage: LINK,
  body: { contentType: 'html', content },
  from: { user: { id: '29:ana-id', displayName: 'Ana Lopez' } },
  ...over,
});
type Field = { type: string; id?: string; value?: string; text?: string; choices?: Array<{ value: string }> };
type TaskResponse = { task: { type: 'continue'; value: { title: string; card: { contentType: string; content: { body: Field[] } } } } | { type: 'message'; value: string } };

/** A message action invoke as Teams sends it, from the Migration channel (or another conversation). */
async function invoke(name: 'composeExtension/fetchTask' | 'composeExtension/submitAction', messagePayload: unknown, data?: unknown, over: Record<string, unknown> = {}): Promise<TaskResponse> {
  const activity = channelMention(env.connector.url, '', { type: 'invoke', name, text: undefined, entities: undefined, value: { commandId: 'trackCommitment', commandContext: 'message', messagePayload, ...(data ? { data } : {}) }, ...over });
  const r = await postActivity(env.url, activity);
  expect(r.status, r.body).toBe(200);
  return JSON.parse(r.body) as TaskResponse;
}
const formOf = (r: TaskResponse): Field[] => {
  expect(r.task.type).toBe('continue');
  const card = (r.task as Extract<TaskResponse['task'], { type: 'continue' }>).value.card;
  expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expectValidCard(card.content, 'the form');
  return card.content.body;
};
const field = (body: Field[], id: string): Field | undefined => body.find((f) => f.id === id);
const stored = (): number => env.app.db.prepare('SELECT count(*) FROM commitments').pluck().get() as number;

describe('Teams message action "Track as commitment" (composeExtension fetchTask / submitAction)', () => {
  it('opens the form prefilled from the message: summary, the actor it names, the due date it states', async () => {
    const form = formOf(await invoke('composeExtension/fetchTask', payload('<p>ILO will circulate the draft by 15 March 2015</p>')));
    expect(field(form, 'summary')?.value).toBe('ILO will circulate the draft by 15 March 2015');
    const actor = field(form, 'actor')!;
    expect(actor.value).toBeTruthy();
    expect(actor.choices!.map((c) => c.value)).toContain(actor.value);
    expect(field(form, 'due')?.value).toBe('15 March 2015');
    expect(field(form, 'meeting')?.value).toBe('chat');
    expect(JSON.stringify(form)).toMatch(/Chat in #Migration/);
  });

  it('shows each mistake under its field, keeps what was typed, and stores nothing', async () => {
    const before = stored();
    const r = await invoke('composeExtension/submitAction', payload('<p>ILO will circulate the draft</p>'), { summary: 'Circulate the draft', actor: '', newActor: '', due: 'someday soonish', meeting: 'chat' });
    const form = formOf(r);
    expect(field(form, 'error:due')?.text).toMatch(/not a date I can read/);
    expect(field(form, 'error:actor')?.text).toMatch(/Who committed/);
    expect(field(form, 'summary')?.value).toBe('Circulate the draft');
    expect(field(form, 'due')?.value).toBe('someday soonish');
    const past = formOf(await invoke('composeExtension/submitAction', payload('<p>x</p>'), { summary: 'x', newActor: 'Harbour Board', due: '1 January 2010', meeting: 'chat' }));
    expect(field(past, 'error:due')?.text).toMatch(/has passed/);
    expect(stored()).toBe(before);
  });

  it('stores the item with the message as its provenance (link, author, channel, time) and cites it so', async () => {
    const form = formOf(await invoke('composeExtension/fetchTask', payload('<p>ILO will circulate the draft by 15 March 2015</p>')));
    const data = { summary: field(form, 'summary')!.value, actor: field(form, 'actor')!.value, due: field(form, 'due')!.value, meeting: 'chat', owner: '29:bob-id' };
    const r = await invoke('composeExtension/submitAction', payload('<p>ILO will circulate the draft by 15 March 2015</p>'), data);
    expect(r.task.type).toBe('message');
    const id = /Tracked as (\S+):/.exec(String(r.task.value))![1]!;
    const row = env.app.db.prepare('SELECT permalink, author_name AS author, channel_id AS channel, posted_at AS at FROM commitment_messages WHERE commitment_id = ?').get(id) as Record<string, string>;
    expect(row).toEqual({ permalink: LINK, author: 'Ana Lopez', channel: '19:migration@thread.tacv2', at: '2014-06-14T10:00:00.000Z' });
    // A lookup cites the message, the label a link to it.
    const before = env.connector.calls.length;
    expect((await postActivity(env.url, personalMessage(env.connector.url, `show ${id}`))).status).toBe(200);
    const reply = env.connector.calls.slice(before).at(-1)!;
    expectValidCards(reply.body);
    const card = JSON.stringify(reply.body.attachments);
    expect(card).toMatch(/\[message by Ana Lopez in #Migration, 14 Jun 2014\]\(https:\/\/teams\.microsoft\.com\/l\/message\//);
    expect(card).toMatch(/by 15 Mar 2015|15 March 2015/);
    // The same message again: said in the form, not stored twice.
    const again = formOf(await invoke('composeExtension/submitAction', payload('<p>ILO will circulate the draft by 15 March 2015</p>'), data));
    expect(field(again, 'error:message')?.text).toMatch(/tracked already/);
  });

  it('a message with no text, and a chat the bot is not in, get a clear message and nothing else', async () => {
    const empty = await invoke('composeExtension/fetchTask', payload('<img src="https://x/y.png">', { attachments: [{ contentType: 'image/png' }] }));
    expect(empty.task).toEqual({ type: 'message', value: expect.stringMatching(/no text to track/) });
    const before = stored();
    const elsewhere = { conversation: { isGroup: true, conversationType: 'groupChat', tenantId: TENANT, id: '19:never-seen@thread.v2' }, channelData: { tenant: { id: TENANT } } };
    for (const name of ['composeExtension/fetchTask', 'composeExtension/submitAction'] as const) {
      const r = await invoke(name, payload('<p>KNOMAD will publish by May 2015</p>', { id: '99' }), { summary: 'Publish', newActor: 'KNOMAD', meeting: 'chat' }, elsewhere);
      expect(r.task).toEqual({ type: 'message', value: expect.stringMatching(/followup is not in this chat/) });
    }
    expect(stored()).toBe(before);
    // The invoke did not make that chat look like one the bot is in.
    expect(env.app.db.prepare("SELECT count(*) FROM conversation_refs WHERE ref = '19:never-seen@thread.v2'").pluck().get()).toBe(0);
  });

  it('a 40,000-character message: the form stays small, the item keeps a clipped quote', async () => {
    const long = `ILO will circulate the draft by 15 March 2015. ${'More detail on the draft follows here. '.repeat(1_030)}`.slice(0, 40_000);
    const m = payload(`<p>${long}</p>`, { id: '1700000000999' });
    const r = await invoke('composeExtension/fetchTask', m);
    expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThan(28_000);
    const form = formOf(r);
    expect(field(form, 'summary')!.value!.length).toBeLessThanOrEqual(300);
    const done = await invoke('composeExtension/submitAction', m, { summary: field(form, 'summary')!.value, actor: field(form, 'actor')!.value, due: field(form, 'due')!.value, meeting: 'chat' });
    expect(done.task.type).toBe('message');
    const id = /Tracked as (\S+):/.exec(String(done.task.value))![1]!;
    const quote = env.app.db.prepare('SELECT quote FROM commitments WHERE id = ?').pluck().get(id) as string;
    expect(quote.length).toBeLessThanOrEqual(2_000);
    expect(quote.startsWith('ILO will circulate the draft')).toBe(true);
  });
});
