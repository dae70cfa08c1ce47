import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.js';
import { captureCommitment, type SourceMessage } from '../../src/commands/capture.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import type { IncomingMessage } from '../../src/core/message.js';
import { syncCatalog } from '../../src/store/catalog-sync.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { openPool } from '../../src/store/pg/pool.js';
import { PgSharedLog } from '../../src/store/pg/shared-log.js';
import type { OpArgs } from '../../src/store/shared/ops.js';
import { catalog } from '../helpers.js';
import { migratedDatabase, postgresStores } from './engine-bot.js';

const NOW = '2014-03-05T12:00:00Z';

/** One instance: its own in-memory replica, the shared database at `url`. */
function instance(url: Promise<string>, name: string, opts: { listen?: boolean } = {}) {
  const db = openDatabase(':memory:');
  syncCatalog(db, catalog(), new Date(NOW));
  const stores = postgresStores(db, { url, instance: name });
  const bot = new Bot(db, { clock: fixedClock(NOW), zone: 'UTC', log: silentLogger, writes: stores.writes, schedules: stores.schedules, sharedPages: stores.pages });
  const ask = (text: string, user = 'ana') => bot.handle({ text, platform: 'slack', team: 'T1', user: { id: user, name: user }, channel: { id: 'C1', name: 'migration' } });
  return { db, bot, ask, ready: stores.ready, listen: opts.listen };
}

/** What a replica holds of the follow-up data, to compare two of them. */
function dump(db: Db): unknown {
  return {
    commitments: db.prepare('SELECT id, status, owner, updated_at FROM commitments ORDER BY id').all(),
    audit: db.prepare('SELECT commitment_id, at, platform, team, user_id, action, old_value, new_value, note FROM audit ORDER BY id').all(),
    zones: db.prepare('SELECT * FROM zones ORDER BY platform, team, kind, ref').all(),
    focal: db.prepare('SELECT * FROM focal_points ORDER BY actor_id').all(),
    messages: db.prepare('SELECT * FROM commitment_messages ORDER BY commitment_id').all(),
  };
}

describe('the follow-up data shared by instances on PostgreSQL (the shared log)', () => {
  it('a change made through one instance is what every other instance answers with: status, notes, history, owners, focal points, time zones', async () => {
    const url = migratedDatabase();
    const a = instance(url, 'a');
    const b = instance(url, 'b');
    expect((await b.ask('show owg-focus-areas')).items![0]!.fields.find((f) => f.label === 'Status')!.value).toBe('Open');
    expect((await a.ask('done owg-focus-areas released on 24 February')).title).toBe('owg-focus-areas: open → done');
    // B answered "Open" before and cached lookups: the change reaches it anyway.
    expect((await b.ask('show owg-focus-areas')).items![0]!.fields.find((f) => f.label === 'Status')!.value).toBe('Done');
    expect((await b.ask('history owg-focus-areas')).items!.map((i) => [i.title, i.text])).toEqual([['Status open → done', '“released on 24 February”']]);
    await b.ask('focal UNODC @carla', 'bob');
    expect((await a.ask('show unodc-global-trafficking-report')).items![0]!.fields.find((f) => f.label === 'Owner')!.value).toBe('@carla');
    await a.ask('tz Europe/Geneva');
    expect((await b.ask('tz')).title).toBe('Your time zone is Europe/Zurich');
    expect(dump(a.db)).toEqual(dump(b.db));
  });

  it('changes made at once through three instances: every replica ends the same, in the log’s order, nothing lost', async () => {
    const url = migratedDatabase();
    const xs = [instance(url, 'a'), instance(url, 'b'), instance(url, 'c')];
    const items = ['owg-focus-areas', 'icpd-final-work-plan', 'knomad-recruitment-costs', 'unodc-global-trafficking-report'];
    const writes: Array<Promise<unknown>> = [];
    for (let i = 0; i < 45; i++) {
      const x = xs[i % 3]!;
      const id = items[i % items.length]!;
      writes.push(i % 5 === 0 ? x.ask(`assign ${id} @u${i}`) : x.ask(`progress ${id} note ${i} from ${i % 3}`, `user${i}`));
    }
    const replies = (await Promise.all(writes)) as Array<{ tone?: string }>;
    expect(replies.filter((r) => r.tone === 'error')).toEqual([]);
    for (const x of xs) await x.bot.deps.writes.catchUp();
    const first = dump(xs[0]!.db) as { audit: unknown[] };
    expect(first.audit).toHaveLength(45);
    for (const x of xs.slice(1)) expect(dump(x.db)).toEqual(first);
    const { pool } = await xs[0]!.ready;
    expect((await pool.query('SELECT count(*)::int AS n FROM shared_log')).rows[0].n).toBe(45);
  });

  it('the same chat message captured through two instances at once: one item, the other gets "tracked already"', async () => {
    const url = migratedDatabase();
    const a = instance(url, 'a');
    const b = instance(url, 'b');
    await Promise.all([a.ready, b.ready]);
    const source: SourceMessage = { platform: 'slack', team: 'T1', channelId: 'C1', channelName: 'migration', messageId: '1402826400.000100', authorId: 'U9', postedAt: '2014-06-15T10:00:00.000Z', text: 'ILO will circulate the draft survey by 15 March 2015' };
    const by: IncomingMessage = { text: '', platform: 'slack', team: 'T1', user: { id: 'U7', name: 'ana' }, channel: { id: 'C1' } };
    const [ra, rb] = await Promise.all([
      captureCommitment({ summary: 'Circulate the draft survey', newActor: 'ILO' }, source, a.bot.deps, by),
      captureCommitment({ summary: 'Circulate the draft survey', newActor: 'ILO' }, source, b.bot.deps, by),
    ]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok) as { errors: Record<string, string> };
    expect(refused.errors.message).toMatch(/^This message is tracked already, as chat-20140615-circulate-the-draft-survey/);
    await a.bot.deps.writes.catchUp();
    await b.bot.deps.writes.catchUp();
    for (const x of [a, b]) expect(x.db.prepare('SELECT count(*) FROM commitment_messages').pluck().get()).toBe(1);
    expect(dump(a.db)).toEqual(dump(b.db));
    // And the captured item answers lookups on both (their search indexes were rebuilt from the log).
    for (const x of [a, b]) expect((await x.ask('find draft survey')).items?.[0]?.id, JSON.stringify(await x.ask('find draft survey')).slice(0, 300)).toBe((results.find((r) => r.ok) as { id: string }).id);
  });

  it('`more` continues a list answered by another instance, page after page, whichever instance it reaches', async () => {
    const url = migratedDatabase();
    const a = instance(url, 'a');
    const b = instance(url, 'b');
    const first = await a.ask('what did the GFMD chair propose?');
    expect(first.more?.count, JSON.stringify(first).slice(0, 300)).toBeGreaterThan(3);
    const seen = first.items!.map((i) => i.id);
    const all = a.db.prepare('SELECT count(*) FROM commitments').pluck().get() as number;
    let turn = 0;
    for (let page = await b.ask('more'); ; page = await [a, b][turn++ % 2]!.ask('more')) {
      expect(page.tone, page.title).not.toBe('error');
      seen.push(...page.items!.map((i) => i.id));
      if (!page.actions?.some((x) => x.command === 'more')) break;
      expect(seen.length).toBeLessThan(all);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(first.items!.length + first.more!.count);
    expect((await a.ask('more')).title).toBe('There is nothing more to show here.');
    // Another person's conversation is their own.
    expect((await b.ask('more', 'bob')).title).toBe('There is nothing more to show here.');
  });

  it('an instance that only listens follows the log without a message (PostgreSQL NOTIFY)', async () => {
    const url = await migratedDatabase();
    const a = instance(Promise.resolve(url), 'a');
    const db = openDatabase(':memory:');
    syncCatalog(db, catalog(), new Date(NOW));
    const pool = await openPool(url, { max: 2 });
    const listener = await PgSharedLog.open(pool, db, silentLogger, { instance: 'b', url });
    try {
      await a.ask('done owg-focus-areas');
      const status = () => db.prepare("SELECT status FROM commitments WHERE id = 'owg-focus-areas'").pluck().get();
      for (let i = 0; i < 100 && status() !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
      expect(status()).toBe('done');
      expect(listener.position).toBe(1);
    } finally {
      await listener.close();
      await pool.end();
    }
  });

  it('an entry a replica refuses is refused alike everywhere and skipped; a replica of another database is refused at start', async () => {
    const url = await migratedDatabase();
    const a = instance(Promise.resolve(url), 'a');
    await a.ready;
    // An operation this version does not know (a newer instance wrote it), then a good one.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("INSERT INTO shared_log (op, args, instance) VALUES ('from-the-future', '{}', 'z/1')");
    await c.end();
    expect((await a.ask('done owg-focus-areas')).title).toBe('owg-focus-areas: open → done');
    expect(a.db.prepare('SELECT seq FROM shared_log_position').pluck().get()).toBe(2);

    const other = await migratedDatabase();
    const pool = await openPool(other, { max: 1 });
    try {
      await expect(PgSharedLog.open(pool, a.db, silentLogger, { instance: 'x' })).rejects.toThrow(/^FOLLOWUP_DB \(:memory:\) holds a copy of another PostgreSQL database's data/);
    } finally {
      await pool.end();
    }
  });

  it('a new instance replays a long log of captured messages: every item is searchable, the first and the last of a log longer than one batch', async () => {
    const url = await migratedDatabase();
    const meeting = catalog().meeting.id;
    const entries: string[] = [];
    // 520: more than one batch of 500 entries read per round trip.
    for (let i = 0; i < 520; i++) {
      const at = new Date(Date.parse(NOW) + i * 60_000).toISOString();
      const word = i === 0 ? 'wombat' : i === 519 ? 'quokka' : 'remittances';
      const args: OpArgs['capture'] = {
        plan: { id: `chat-note-${i}`, summary: `Send the ${word} note number ${i}`, actor: { id: 'knomad', kind: 'organisation', name: 'KNOMAD' }, meeting: { existing: meeting } },
        source: { platform: 'slack', team: 'T1', channelId: 'C1', messageId: `m${i}`, authorId: 'U1', postedAt: at, quote: `We will send the ${word} note number ${i}.` },
        capturedBy: 'U1',
        by: { platform: 'slack', team: 'T1', userId: 'U1' },
        at,
      };
      entries.push(JSON.stringify(args));
    }
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("INSERT INTO shared_log (op, args, instance) SELECT 'capture', a::jsonb, 'z/1' FROM unnest($1::text[]) AS a", [entries]);
    await c.end();
    const b = instance(Promise.resolve(url), 'b');
    await b.ready;
    expect(b.db.prepare("SELECT count(*) FROM commitments WHERE id LIKE 'chat-note-%'").pluck().get()).toBe(520);
    expect(b.db.prepare('SELECT count(*) FROM commitment_fts').pluck().get()).toBe(b.db.prepare('SELECT count(*) FROM commitments').pluck().get());
    expect((await b.ask('wombat')).items!.map((i) => i.id)).toContain('chat-note-0');
    expect((await b.ask('quokka')).items!.map((i) => i.id)).toContain('chat-note-519');
  });
});
