import { describe, expect, it } from 'vitest';
import { captureCommitment, chatMeetingOf, prefill, type SourceMessage } from '../../src/commands/capture.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { exportSet } from '../../src/export/records.js';
import { toCsv } from '../../src/export/csv.js';
import { testBot } from '../helpers.js';
import { setup } from '../scheduler/harness.js';

const NOW = '2014-03-03T10:00:00Z';
const source = (over: Partial<SourceMessage> = {}): SourceMessage => ({
  platform: 'slack',
  team: 'T1',
  channelId: 'C1',
  channelName: 'migration',
  messageId: '1393840800.000100',
  permalink: 'https://un.slack.com/archives/C1/p1393840800000100',
  authorId: 'U1',
  authorName: 'Ana',
  postedAt: NOW,
  text: 'ILO will circulate the draft by 15 March',
  ...over,
});
const by: IncomingMessage = { text: '', platform: 'slack', team: 'T1', user: { id: 'U7', name: 'bob' }, channel: { id: 'C1' } };
const counts = (db: ReturnType<typeof testBot>['db']) =>
  Object.fromEntries(['commitments', 'actors', 'meetings', 'commitment_messages', 'audit'].map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));

describe('commitments captured from chat', () => {
  it('prefills from the message: its first line, the organisation it names, the due date it states with its precision', () => {
    const t = testBot(NOW);
    const p = prefill(source(), t.bot.deps);
    expect(p).toEqual({ summary: 'ILO will circulate the draft by 15 March', actorId: expect.any(String), due: { date: '2014-03-15', precision: 'day', phrase: '15 March' } });
    expect(t.bot.deps.directory().get(p.actorId!)!.acronym).toBe('ILO');
    expect(prefill(source({ text: 'We will report back by the end of April 2014' }), t.bot.deps).due).toMatchObject({ date: '2014-04-30', precision: 'month' });
    expect(prefill(source({ text: 'thanks all' }), t.bot.deps).due).toBeUndefined();
  });

  it('stores an item that behaves like a curated one: show, find, due, exports; cited as the message with its link', async () => {
    const t = testBot(NOW);
    const ilo = prefill(source(), t.bot.deps).actorId!;
    const r = await captureCommitment({ summary: 'Circulate the draft', actorId: ilo, due: '15 March 2014', owner: 'U7' }, source(), t.bot.deps, by);
    expect(r.ok).toBe(true);
    const id = (r as { id: string }).id;
    const show = await t.ask(`show ${id}`);
    expect(show.items![0]!.citation).toMatchObject({ label: 'message by Ana in #migration, 3 Mar 2014', url: 'https://un.slack.com/archives/C1/p1393840800000100' });
    expect(show.items![0]!.quote!.text).toBe('ILO will circulate the draft by 15 March');
    expect(JSON.stringify(show)).toContain('by 15 March 2014');
    expect((await t.askAll('find circulate the draft')).items!.map((i) => i.id)).toContain(id);
    expect((await t.askAll('due in March 2014')).items!.map((i) => i.id)).toContain(id);
    expect((await t.ask('what did ILO commit to?')).items!.map((i) => i.id)).toContain(id);
    expect(toCsv(exportSet(t.db))).toContain(id);
    expect((await t.ask(`history ${id}`)).items!.length + (await t.ask(`history ${id}`)).title.length).toBeGreaterThan(0);
    const meeting = t.db.prepare('SELECT name, origin FROM meetings WHERE id = ?').get(chatMeetingOf(source()).id);
    expect(meeting).toEqual({ name: 'Chat in #migration', origin: 'chat' });
  });

  it('a new organisation is created with the item; a message is tracked once', async () => {
    const t = testBot(NOW);
    const r = await captureCommitment({ summary: 'Share the survey', newActor: 'Harbour Migration Forum' }, source(), t.bot.deps, by);
    expect(r.ok).toBe(true);
    expect(t.bot.deps.directory().resolve('Harbour Migration Forum')[0]!.name).toBe('Harbour Migration Forum');
    const again = await captureCommitment({ summary: 'Share the survey', newActor: 'Harbour Migration Forum' }, source(), t.bot.deps, by);
    expect(again).toEqual({ ok: false, errors: { message: `This message is tracked already, as ${(r as { id: string }).id}.` } });
  });

  it('refuses field by field — unreadable date, past date, no actor, unknown actor, unknown meeting, empty or long summary — and stores nothing', async () => {
    const t = testBot(NOW);
    const before = counts(t.db);
    const bad = await captureCommitment({ summary: '', due: 'the twelfth of never', meetingId: 'no-such-meeting' }, source(), t.bot.deps, by);
    expect(bad.ok).toBe(false);
    const errors = (bad as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['actor', 'due', 'meeting', 'summary']);
    expect(errors.due).toMatch(/not a date I can read/);
    const past = (await captureCommitment({ summary: 'x', actorId: 'no-such-actor', due: '1 February 2014' }, source(), t.bot.deps, by)) as { errors: Record<string, string> };
    expect(past.errors.due).toMatch(/1 February 2014 has passed/);
    expect(past.errors.actor).toMatch(/no longer in the directory/);
    const long = (await captureCommitment({ summary: 'x'.repeat(301), newActor: 'ILO' }, source(), t.bot.deps, by)) as { errors: Record<string, string> };
    expect(Object.keys(long.errors)).toEqual(['summary']);
    expect(counts(t.db)).toEqual(before);
  });

  it('`capture …` typed in chat stores it too, or says per field what is missing', async () => {
    const t = testBot(NOW);
    const ok = await t.ask('capture ILO will circulate the draft by 15 March');
    expect(ok.title).toMatch(/^Tracked: chat-20140303-ilo-will-circulate-the-draft/);
    const missing = await t.ask('capture someone will do something by the twelfth of never');
    expect(missing).toMatchObject({ title: 'Not tracked yet — nothing was stored.', tone: 'error' });
    expect(missing.text).toMatch(/^Who: /m);
    expect((await t.ask('new york')).title).not.toMatch(/tracked/i); // "new" is no command word
  });

  it('reaches deadline ladders and digests like the report’s items', async () => {
    const s = setup('2014-03-03T08:00:00Z');
    const ilo = prefill(source(), s.bot.deps).actorId!;
    const r = (await captureCommitment({ summary: 'Circulate the draft', actorId: ilo, due: '15 March 2014' }, source(), s.bot.deps, by)) as { id: string };
    const ask = (text: string) => s.bot.handle({ text, platform: 'slack', team: 'T1', user: { id: 'U7' }, channel: { id: 'C1' } });
    expect((await ask('remind here 7 days before deadlines')).tone).not.toBe('error');
    expect((await ask('digest here every monday 9:00')).tone).not.toBe('error');
    await s.run('2014-03-10T10:00:00Z', 60);
    const ladder = s.outbox.sent.filter((m) => m.reply.title.startsWith('Deadline reminder'));
    expect(ladder.flatMap((m) => m.reply.items!.map((i) => i.id))).toContain(r.id);
    const digest = s.outbox.sent.find((m) => m.reply.title.startsWith('Digest'))!;
    expect(JSON.stringify(digest.reply)).toContain('Circulate the draft');
  });
});
