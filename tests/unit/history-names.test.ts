import { describe, expect, it } from 'vitest';
import { NameDirectory, type NameRef, type NameSource } from '../../src/core/directory.js';
import type { IncomingMessage, Platform } from '../../src/core/message.js';
import type { Reply } from '../../src/core/reply.js';
import { testBot } from '../helpers.js';
import { setup } from '../scheduler/harness.js';

/** A platform's names by id; `calls` records what was asked. */
function source(names: Record<string, string>, calls: NameRef[], isId: RegExp): NameSource {
  return {
    isId: (_kind, id) => isId.test(id),
    lookup: async (ref) => {
      calls.push(ref);
      return names[ref.id];
    },
  };
}

const slackUser = (id: string, name: string, text: string): IncomingMessage => ({ text, platform: 'slack', team: 'T1', user: { id, name }, channel: { id: 'C1' } });
const teamsUser = (id: string, name: string | undefined, text: string): IncomingMessage => ({ text, platform: 'teams', team: 'tenant-1', user: { id, ...(name ? { name } : {}) }, channel: { id: '19:c@thread.tacv2' } });
const by = (r: Reply): string[] => r.items!.map((i) => i.fields.find((f) => f.label === 'By')!.value);

function bot() {
  const t = testBot('2014-03-05T12:00:00Z');
  const calls: NameRef[] = [];
  t.bot.deps.names.use('slack', source({ U1: 'Ana Ruiz', U7: 'Bob Lee' }, calls, /^U\w+$/));
  t.bot.deps.names.use('teams', source({ '29:dave': 'Dave Jones' }, calls, /^29:/));
  return { ...t, calls };
}

describe('history and digests show people by display name', () => {
  it('history: the Slack handle becomes the display name; an owner is named on the platform the change was made on', async () => {
    const t = bot();
    await t.bot.handle(slackUser('U1', 'ana', 'progress owg-focus-areas draft list circulated'));
    await t.bot.handle(slackUser('U1', 'ana', 'assign owg-focus-areas @U7'));
    const h = await t.bot.handle(slackUser('U7', 'bob', 'history owg-focus-areas'));
    expect(by(h)).toEqual(['Ana Ruiz (slack)', 'Ana Ruiz (slack)']);
    expect(h.items![1]!.title).toBe('Owner none → @Bob Lee');
    expect(JSON.stringify(h)).not.toMatch(/\bana\b|@U7|U1/);
  });

  it('a change made on Teams reads with its Teams name on Slack, and one made on Slack with its Slack name on Teams', async () => {
    const t = bot();
    await t.bot.handle(teamsUser('29:dave', undefined, 'done owg-focus-areas released'));
    await t.bot.handle(slackUser('U1', 'ana', 'progress owg-focus-areas one more note'));
    const onSlack = await t.bot.handle(slackUser('U7', 'bob', 'history owg-focus-areas'));
    expect(by(onSlack)).toEqual(['Dave Jones (teams)', 'Ana Ruiz (slack)']);
    const onTeams = await t.bot.handle(teamsUser('29:dave', 'Dave Jones', 'history owg-focus-areas'));
    expect(by(onTeams)).toEqual(['Dave Jones (teams)', 'Ana Ruiz (slack)']);
    // Each person was asked of their own platform and team, once.
    expect(t.calls.map((c) => [c.platform, c.team, c.id])).toEqual([
      ['teams', 'tenant-1', '29:dave'],
      ['slack', 'T1', 'U1'],
    ]);
  });

  it('a person the platform does not know keeps the name stored with the change, else the id', async () => {
    const t = bot();
    await t.bot.handle(slackUser('U404', 'zoe', 'progress owg-focus-areas first'));
    await t.bot.handle(teamsUser('29:gone', undefined, 'progress owg-focus-areas second'));
    expect(by(await t.bot.handle(slackUser('U1', 'ana', 'history owg-focus-areas')))).toEqual(['zoe (slack)', '29:gone (teams)']);
  });

  it('the digest (summary) says who changed an item by display name, not by id', async () => {
    const t = bot();
    await t.bot.handle(slackUser('U1', 'ana', 'progress icpd-final-work-plan outline agreed'));
    await t.bot.handle(slackUser('U1', 'ana', 'assign icpd-final-work-plan @U7'));
    const s = await t.bot.handle(slackUser('U7', 'bob', 'summary'));
    const changes = s.items!.find((i) => i.id === 'icpd-final-work-plan' && i.title.startsWith('Changed'))!.fields.find((f) => f.label === 'Changes')!.value;
    expect(changes).toBe('status open → in-progress “outline agreed” by Ana Ruiz; owner → @Bob Lee by Ana Ruiz');
  });
});

describe('a scheduled digest (through the scheduler and its renderer)', () => {
  it('names who changed an item as the platform it goes to shows them', async () => {
    const s = setup('2014-03-02T10:00:00Z');
    const calls: NameRef[] = [];
    s.bot.deps.names.use('slack', source({ U1: 'Ana Ruiz', C9: 'migration' }, calls, /^[UC]\w+$/));
    await s.bot.handle(slackUser('U1', 'ana', 'digest #C9 every monday 9:00'));
    s.clock.set('2014-03-05T12:00:00Z');
    await s.bot.handle(slackUser('U1', 'ana', 'progress knomad-recruitment-costs survey sent to 12 corridors'));
    await s.run('2014-03-10T09:00:00Z', 60);
    const digest = s.outbox.sent.filter((m) => m.target.ref === 'C9').at(-1)!;
    const item = digest.reply.items!.find((x) => x.id === 'knomad-recruitment-costs')!;
    expect(item.fields.find((f) => f.label === 'Changes')!.value).toBe('note “survey sent to 12 corridors” by Ana Ruiz');
  });
});

describe('NameDirectory.namesOf', () => {
  it('names refs of several platforms at once, undefined where none is found, and waits no longer than a reply does', async () => {
    const calls: NameRef[] = [];
    const d = new NameDirectory(Date.now, () => {}, 5);
    d.use('slack', source({ U1: 'Ana' }, calls, /^U/));
    d.use('teams', { isId: () => true, lookup: () => new Promise<string | undefined>(() => {}) }); // never answers
    const ref = (platform: Platform, id: string): NameRef => ({ platform, team: 'T', kind: 'user', id });
    expect(await d.namesOf([ref('slack', 'U1'), ref('slack', 'U2'), ref('teams', '29:x'), ref('console', 'me')])).toEqual(['Ana', undefined, undefined, undefined]);
    // Cached: asked again, nothing new is called.
    expect(await d.namesOf([ref('slack', 'U1')])).toEqual(['Ana']);
    expect(calls.map((c) => c.id)).toEqual(['U1', 'U2']);
  });
});
