import { describe, expect, it } from 'vitest';
import { personalMessage, postActivity, type ConnectorCall } from './mock-connector.js';
import { useTeamsServer } from './server.js';
import { expectValidCard, expectValidCards } from './validate-card.js';

const env = useTeamsServer();

type Card = Record<string, unknown> & { body: unknown[]; refresh?: { action: Execute; userIds: string[] } };
type Execute = { type: string; title?: string; verb: string; data: Record<string, unknown> };
const cardOf = (call: ConnectorCall): Card => (call.body.attachments as Array<{ content: Card }>)[0]!.content;
/** Every Action.Execute on a card (the refresh excluded). */
const executes = (card: unknown): Execute[] => {
  const out: Execute[] = [];
  const walk = (x: unknown, key = ''): void => {
    if (Array.isArray(x)) x.forEach((v) => walk(v));
    else if (x && typeof x === 'object') {
      if ((x as Execute).type === 'Action.Execute' && key !== 'action') out.push(x as Execute);
      for (const [k, v] of Object.entries(x)) if (k !== 'refresh') walk(v, k);
    }
  };
  walk(card);
  return out;
};

async function ask(text: string): Promise<ConnectorCall> {
  const before = env.connector.calls.length;
  expect((await postActivity(env.url, personalMessage(env.connector.url, text))).status).toBe(200);
  const call = env.connector.calls.slice(before).at(-1)!;
  expectValidCards(call.body);
  return call;
}

/** A Universal Action as Teams sends it: an `adaptiveCard/action` invoke on the message with the card. */
async function invoke(action: Execute, replyToId: string | undefined, trigger = 'manual'): Promise<{ status: number; body: { statusCode: number; type: string; value: unknown } }> {
  const activity = personalMessage(env.connector.url, '', { type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId, value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger } });
  const r = await postActivity(env.url, activity);
  return { status: r.status, body: JSON.parse(r.body) as never };
}

describe('Teams Universal Actions (adaptiveCard/action through botbuilder, loopback)', () => {
  it('sends buttons as Action.Execute with a verb and data, and a refresh that re-runs the question for the asker', async () => {
    const card = cardOf(await ask('ces-plenary-migration-statistics'));
    const done = executes(card).find((a) => a.verb === 'done')!;
    expect(done.data).toEqual({ followup: 'run', command: 'done ces-plenary-migration-statistics', action: 'done', source: 'ces-plenary-migration-statistics' });
    expect(JSON.stringify(card)).not.toContain('Action.Submit');
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'refresh', data: { followup: 'refresh', command: 'ces-plenary-migration-statistics' } }, userIds: ['29:ana-id'] });
  });

  it('Mark done updates the card for everyone (PUT) and answers the clicker with the same card', async () => {
    const first = await ask('agenda 3');
    const button = executes(cardOf(first)).find((a) => a.verb === 'done')!;
    const before = env.connector.calls.length;
    const r = await invoke(button, first.responseId);
    expect(r.status).toBe(200);
    expect(r.body.statusCode).toBe(200);
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(r.body.value, 'invoke response');
    const put = env.connector.calls.slice(before).filter((c) => c.method === 'PUT');
    expect(put.map((c) => c.activityId)).toEqual([first.responseId]);
    expect(cardOf(put[0]!)).toEqual(r.body.value);
    const after = JSON.stringify(r.body.value);
    expect(after).not.toContain(`"command":"${String(button.data.command)}"`); // its Mark done is gone
    expect(after).toMatch(/Done/);
    expect(env.connector.calls.slice(before).filter((c) => c.method === 'POST')).toEqual([]); // no new message: the card is the answer
  });

  it('rebuilds the card from its source command when the card is not remembered (after a restart)', async () => {
    const first = await ask('due in September 2014');
    const button = executes(cardOf(first)).find((a) => a.verb === 'done')!;
    const r = await invoke(button, 'activity-from-before-a-restart');
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(r.body.value);
    expect(JSON.stringify(r.body.value)).not.toContain(`"command":"${String(button.data.command)}"`);
    expect((r.body.value as Card).refresh?.action.data).toEqual({ followup: 'refresh', command: 'due in September 2014' });
  });

  it('a stale card refreshes to the current state instead of offering what was already done', async () => {
    const stale = cardOf(await ask('ces-plenary-migration-statistics'));
    // Someone marks it done elsewhere (typed), so the card above is stale.
    await ask('done ces-plenary-migration-statistics');
    const r = await invoke(stale.refresh!.action, 'activity-stale', 'automatic');
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(r.body.value);
    const fresh = r.body.value as Card;
    expect(JSON.stringify(fresh)).toMatch(/Done/);
    expect(executes(fresh).some((a) => a.verb === 'done')).toBe(false);
    // A click on the stale card's Mark done gets the fresh card too, not an action on old state.
    const late = await invoke(executes(stale).find((a) => a.verb === 'done')!, 'activity-stale');
    expect(late.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(executes(late.body.value).some((a) => a.verb === 'done')).toBe(false);
  });

  it('answers other buttons as a new message and leaves the card; refuses buttons that are not ours', async () => {
    const first = await ask('ces-plenary-migration-statistics');
    const source = executes(cardOf(first)).find((a) => /source/.test(String(a.data.command)))!;
    const before = env.connector.calls.length;
    const r = await invoke(source, first.responseId);
    expect(r.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Answered below.' });
    const posted = env.connector.calls.slice(before);
    expect(posted.map((c) => c.method)).toEqual(['POST']);
    expect(JSON.stringify(posted[0]!.body)).toMatch(/Cite as/);
    expectValidCards(posted[0]!.body);

    for (const data of [{ action: 'approve' }, { followup: 'run', command: 42 }, { followup: 'run', command: '  ' }]) {
      const bad = await invoke({ type: 'Action.Execute', verb: 'done', data }, first.responseId);
      expect(bad.body.value, JSON.stringify(data)).toMatch(/no longer in use/);
    }
    // A forged refresh of a command that writes is not run.
    const forged = await invoke({ type: 'Action.Execute', verb: 'refresh', data: { followup: 'refresh', command: 'done ces-plenary-migration-statistics' } }, first.responseId);
    expect(forged.body.value).toMatch(/no longer in use/);
  });
});
