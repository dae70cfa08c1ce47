import { afterEach, describe, expect, it } from 'vitest';
import type { NewInstallation, Renewed, SlackStore, StoredInstallation } from '../../src/store/slack-contract.js';
import { ENGINES } from './engines.js';

const T0 = new Date('2026-03-01T09:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

function workspace(team: string, o: Partial<NewInstallation> = {}): NewInstallation {
  return { key: `T:${team}`, enterpriseId: '', teamId: team, isEnterpriseInstall: false, data: JSON.stringify({ token: `xoxb-${team}-1` }), expiresAt: null, ...o };
}

/** A barrier: resolves when `open()` is called. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe.each(ENGINES)('the Slack store on $name', (engine) => {
  const open: SlackStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  async function instances(n: number): Promise<SlackStore[]> {
    const db = await engine.database();
    const stores: SlackStore[] = [];
    for (let i = 0; i < n; i++) stores.push(await db.slack());
    open.push(...stores);
    return stores;
  }

  it('keeps installations by workspace and by enterprise; a re-install replaces the tokens and keeps the first install time', async () => {
    const [s] = await instances(1);
    await s!.installations.save(workspace('T1'), T0);
    await s!.installations.save({ key: 'E:E1', enterpriseId: 'E1', teamId: '', isEnterpriseInstall: true, data: '{"org":true}', expiresAt: 1_900_000_000 }, T0);
    expect(await s!.installations.find('T:T1')).toEqual({ ...workspace('T1'), installedAt: T0.toISOString(), updatedAt: T0.toISOString() });
    expect(await s!.installations.find('E:E1')).toMatchObject({ enterpriseId: 'E1', isEnterpriseInstall: true, expiresAt: 1_900_000_000 });
    await s!.installations.save(workspace('T1', { data: '{"token":"xoxb-T1-2"}' }), at(HOUR));
    expect(await s!.installations.find('T:T1')).toMatchObject({ data: '{"token":"xoxb-T1-2"}', installedAt: T0.toISOString(), updatedAt: at(HOUR).toISOString() });
    expect(await s!.installations.find('T:T2')).toBeUndefined();
    await s!.installations.remove('T:T1');
    expect(await s!.installations.find('T:T1')).toBeUndefined();
  });

  it('finds the installation serving a workspace: its own first, else the org-wide install it was seen under; removing the org install forgets the link', async () => {
    const [s] = await instances(1);
    await s!.installations.save({ key: 'E:E1', enterpriseId: 'E1', teamId: '', isEnterpriseInstall: true, data: '{"org":true}', expiresAt: null }, T0);
    await s!.installations.save(workspace('T2'), T0);
    expect(await s!.installations.forTeam('T9')).toBeUndefined();
    await s!.installations.linkTeam('T9', 'E:E1');
    await s!.installations.linkTeam('T2', 'E:E1');
    expect((await s!.installations.forTeam('T9'))?.key).toBe('E:E1');
    expect((await s!.installations.forTeam('T2'))?.key).toBe('T:T2');
    await s!.installations.remove('E:E1');
    expect(await s!.installations.forTeam('T9')).toBeUndefined();
  });

  it('refreshes a stale installation once when two instances race: the second waits for the first and gets its tokens', async () => {
    const [a, b] = await instances(2);
    await a!.installations.save(workspace('T1', { expiresAt: 100 }), T0);
    const stale = (i: StoredInstallation) => i.expiresAt !== null && i.expiresAt < 1_000;
    const renewals: string[] = [];
    const inRenew = gate();
    const release = gate();
    const renew = (who: string) => async (i: StoredInstallation): Promise<Renewed> => {
      renewals.push(`${who}:${i.data}`);
      inRenew.open();
      await release.wait;
      return { data: JSON.stringify({ token: `xoxb-T1-by-${who}` }), expiresAt: 5_000 };
    };
    const waiting = gate();
    const first = a!.installations.refresh('T:T1', stale, renew('a'), () => at(1));
    await inRenew.wait; // a holds the lock, inside its refresh
    const second = b!.installations.refresh('T:T1', stale, renew('b'), () => at(1), { onWait: waiting.open });
    await waiting.wait; // b found a refreshing and waits (a lock-less store would have called renew instead)
    release.open();
    const [ra, rb] = await Promise.all([first, second]);
    expect(renewals).toEqual([`a:${workspace('T1').data}`]);
    expect(ra).toMatchObject({ data: '{"token":"xoxb-T1-by-a"}', expiresAt: 5_000, updatedAt: at(1).toISOString() });
    expect(rb).toEqual(ra);
    expect(await b!.installations.find('T:T1')).toEqual(ra);
  });

  it('does not refresh what is fresh, frees the lock when a refresh fails, and answers undefined for an unknown key', async () => {
    const [s] = await instances(1);
    await s!.installations.save(workspace('T1', { expiresAt: 100 }), T0);
    const stale = (i: StoredInstallation) => i.expiresAt! < 1_000;
    let calls = 0;
    await expect(s!.installations.refresh('T:T1', stale, async () => { calls++; throw new Error('Slack said invalid_refresh_token'); }, () => at(1))).rejects.toThrow('invalid_refresh_token');
    // The lock is free at once: the next refresh runs (it does not wait for a lease to run out).
    const waited: string[] = [];
    const r = await s!.installations.refresh('T:T1', stale, async () => { calls++; return { data: '{"token":"new"}', expiresAt: 9_000 }; }, () => at(2), { onWait: () => waited.push('waited') });
    expect(r).toMatchObject({ data: '{"token":"new"}', expiresAt: 9_000 });
    expect(waited).toEqual([]);
    expect(await s!.installations.refresh('T:T1', stale, async () => { calls++; return { data: 'x', expiresAt: 1 }; }, () => at(3))).toMatchObject({ data: '{"token":"new"}' });
    expect(calls).toBe(2);
    expect(await s!.installations.refresh('T:T404', stale, async () => { calls++; return { data: 'x', expiresAt: 1 }; }, () => at(3))).toBeUndefined();
    expect(calls).toBe(2);
  });

  it('hands out an install state once, on any instance, and never after it expired', async () => {
    const [a, b] = await instances(2);
    await a!.states.issue('s1', '{"scopes":["commands"]}', T0, at(10 * 60_000));
    await a!.states.issue('s2', '{}', T0, at(10 * 60_000));
    expect(await b!.states.take('s1', at(60_000))).toBe('{"scopes":["commands"]}');
    expect(await a!.states.take('s1', at(61_000))).toBeUndefined(); // replayed
    expect(await b!.states.take('forged', at(1))).toBeUndefined();
    expect(await a!.states.take('s2', at(10 * 60_000))).toBeUndefined(); // expired
    // Both at once: one of them gets it.
    await a!.states.issue('s3', '{"n":3}', T0, at(60_000));
    const both = await Promise.all([a!.states.take('s3', at(1)), b!.states.take('s3', at(1))]);
    expect(both.filter(Boolean)).toEqual(['{"n":3}']);
  });

  it('sees an event id first once across instances, also when both insert at the same moment; an old id is pruned and counts again', async () => {
    const [a, b] = await instances(2);
    const ttl = HOUR;
    const [x, y, z, other] = await Promise.all([a!.events.first('Ev1', T0, ttl), b!.events.first('Ev1', T0, ttl), a!.events.first('Ev1', at(1), ttl), b!.events.first('Ev2', T0, ttl)]);
    // Whichever insert lands first answers; the other two see it there.
    expect([x, y, z].filter(Boolean)).toEqual([true]);
    expect(other).toBe(true);
    expect(await b!.events.first('Ev1', at(HOUR - 1), ttl)).toBe(false);
    // Two hours on: Ev1 is past the TTL (pruned by this pass), so a new delivery of it counts as new.
    expect(await a!.events.first('Ev3', at(2 * HOUR), ttl)).toBe(true);
    expect(await b!.events.first('Ev1', at(2 * HOUR), ttl)).toBe(true);
    expect(await a!.events.first('Ev1', at(2 * HOUR + 1), ttl)).toBe(false);
  });
});

describe('a token refresh whose instance dies holding the lock', () => {
  const stale = (i: StoredInstallation) => i.expiresAt !== null && i.expiresAt < 1_000;
  const renewed = (who: string): Renewed => ({ data: JSON.stringify({ token: `xoxb-by-${who}` }), expiresAt: 5_000 });

  it('on SQLite: the lease runs out and another instance takes the refresh over; the late one does not overwrite it', async () => {
    const db = await ENGINES.find((e) => e.name === 'sqlite')!.database();
    const [a, b] = [await db.slack(), await db.slack()];
    try {
      await a.installations.save(workspace('T1', { expiresAt: 100 }), T0);
      const inRenew = gate();
      const stuck = gate();
      const first = a.installations.refresh('T:T1', stale, async () => (inRenew.open(), await stuck.wait, renewed('a')), () => at(0), { leaseMs: 30_000 });
      await inRenew.wait;
      // A minute later (the lease was 30 s): b does not wait for a.
      const waits: string[] = [];
      const rb = await b.installations.refresh('T:T1', stale, async () => renewed('b'), () => at(60_000), { onWait: () => waits.push('b') });
      expect(waits).toEqual([]);
      expect(rb).toMatchObject({ data: '{"token":"xoxb-by-b"}' });
      stuck.open();
      expect(await first).toMatchObject({ data: '{"token":"xoxb-by-b"}' });
      expect(await a.installations.find('T:T1')).toMatchObject({ data: '{"token":"xoxb-by-b"}' });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('on PostgreSQL: the row lock goes with the dead connection, and the waiting instance refreshes', async () => {
    const db = await ENGINES.find((e) => e.name === 'postgres')!.database();
    const [a, b] = [await db.slack(), await db.slack()];
    try {
      await a.installations.save(workspace('T1', { expiresAt: 100 }), T0);
      const inRenew = gate();
      const stuck = gate();
      const first = a.installations.refresh('T:T1', stale, async () => (inRenew.open(), await stuck.wait, renewed('a')), () => at(0)).catch((e: unknown) => e);
      await inRenew.wait;
      const waiting = gate();
      const second = b.installations.refresh('T:T1', stale, async () => renewed('b'), () => at(1), { onWait: waiting.open });
      await waiting.wait;
      // The server ends a's session (its machine died): its transaction and lock go with it.
      const admin = (b as unknown as { pool: import('pg').Pool }).pool;
      // The session b's lock waits for is a's (polled until b's FOR UPDATE is queued behind it).
      let blocker: number | undefined;
      while (blocker === undefined) {
        const { rows } = await admin.query<{ pid: number }>("SELECT unnest(pg_blocking_pids(pid)) AS pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        blocker = rows[0]?.pid;
        if (blocker === undefined) await new Promise((r) => setTimeout(r, 20));
      }
      await admin.query('SELECT pg_terminate_backend($1)', [blocker]);
      expect(await second).toMatchObject({ data: '{"token":"xoxb-by-b"}' });
      stuck.open();
      expect(await first).toBeInstanceOf(Error);
      expect(await b.installations.find('T:T1')).toMatchObject({ data: '{"token":"xoxb-by-b"}' });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
