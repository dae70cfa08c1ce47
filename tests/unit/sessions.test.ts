import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/catalog/load.js';
import { loadSessions, sessionAsked } from '../../src/commands/sessions.js';
import { testBot } from '../helpers.js';

const t = testBot('2014-03-07T09:00:00Z');
const deps = t.bot.deps;

describe('data/sessions.yaml', () => {
  const report = readFileSync(path.join(defaultDataDir(), 'report', 'twelfth-coordination-meeting-2014.txt'), 'utf8');
  const sessions = loadSessions().get('cm12-2014') ?? [];

  it('records the sessions from the report: every evidence is verbatim in it, every speaker an actor, every item stored, once', () => {
    expect(sessions.length).toBeGreaterThanOrEqual(4);
    const seen = new Set<string>();
    for (const s of sessions) {
      expect(report, s.id).toContain(s.evidence);
      if (s.chair) expect(deps.directory().get(s.chair), s.chair).toBeDefined();
      for (const talk of s.talks) {
        if (talk.evidence) expect(report, s.id).toContain(talk.evidence);
        for (const a of talk.speakers) expect(deps.directory().get(a), a).toBeDefined();
      }
      for (const id of [...s.items, ...s.talks.flatMap((talk) => talk.items)]) {
        expect(deps.commitments.get(id), id).toBeDefined();
        expect(seen.has(id), `${id} in two sessions`).toBe(false);
        seen.add(id);
      }
    }
  });
});

describe('a question about a session', () => {
  it('names it by any of its words, with a word for a part of the programme', () => {
    expect(sessionAsked('what was in the data and indicators session', deps)?.session?.id).toBe('data-and-indicators');
    expect(sessionAsked('what was the session on the economics of migration about', deps)?.session?.id).toBe('economic-benefits');
    expect(sessionAsked('what was discussed in the panel?', deps)?.session?.id).toBe('panel');
    expect(sessionAsked('closing session', deps)?.session?.id).toBe('closing');
  });

  it('a word of anything else is no session of this meeting; without a programme word there is no session question', () => {
    expect(sessionAsked("when's the GA special session on ICPD beyond 2014?", deps)).toBeUndefined();
    expect(sessionAsked('the upcoming plenary session of the CES', deps)).toBeUndefined();
    expect(sessionAsked('did anyone talk about boats crossing the mediterranean', deps)).toBeUndefined();
    expect(sessionAsked('data and indicators', deps)).toBeUndefined();
  });

  it('an ordinal picks a talk; a talk is also named by its own words', () => {
    const q = sessionAsked('what was the second talk in the economic session', deps);
    expect(q?.talk?.speakers).toEqual(['ratha']);
    expect(sessionAsked('what was the keynote session about', deps)?.talk?.speakers).toEqual(['pritchett']);
  });

  it('answers with the session\'s items in the report\'s order, the speakers leading a "who" question', async () => {
    const r = await t.ask('what was the second talk in the economic session');
    expect(r.items?.[0]?.id).toBe('ratha-recruitment-cost-burden');
    const who = await t.ask('who spoke in the economic session');
    expect(who.title).toMatch(/^Who: Lant Pritchett, Dilip Ratha/);
    const chair = await t.ask('who moderated the panel');
    expect(chair.title).toMatch(/^Who: Ms\. Perucci/);
  });

  it('a time of day the report does not give is said so, with the sessions it records', async () => {
    const r = await t.ask('who spoke in the afternoon session?');
    expect(r.title).toMatch(/does not say which session was in the afternoon/);
    expect(r.text).toMatch(/Pritchett/);
  });
});

describe('a session asked as an actor', () => {
  it('"what did the second speaker in the data and indicators session say" is that talk, not "not named"', async () => {
    const r = await t.ask('what did the second speaker in the data and indicators session say');
    expect(r.items?.[0]?.id).toBe('icpd-few-indicators');
    expect(r.title).toMatch(/second talk/);
  });
});
