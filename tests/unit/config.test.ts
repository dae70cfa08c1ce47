import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { StartupError } from '../../src/core/errors.js';

describe('config', () => {
  it('has defaults that need nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ dbFile: 'var/followup.db', zone: 'UTC' });
    expect(c.now).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads every setting', () => {
    const c = loadConfig({ FOLLOWUP_DB: ':memory:', FOLLOWUP_TZ: 'Europe/Geneva', FOLLOWUP_NOW: '2014-09-01T09:00:00Z', LOG_LEVEL: 'debug', FOLLOWUP_DATA: '/x' });
    expect(c).toEqual({ dbFile: ':memory:', zone: 'Europe/Zurich', now: new Date('2014-09-01T09:00:00Z'), logLevel: 'debug', dataDir: '/x', graceMs: 6 * 3_600_000, outboxDelayMs: 0, port: 3000, host: '0.0.0.0', hostExplicit: false, admins: [], dashboard: true, leaseMs: 300_000, passSeconds: 60 });
    expect(loadConfig({ FOLLOWUP_GRACE_HOURS: '1.5', FOLLOWUP_OUTBOX_FILE: '/tmp/o' })).toMatchObject({ graceMs: 5_400_000, outboxFile: '/tmp/o' });
    expect(loadConfig({ FOLLOWUP_LEASE_SECONDS: '4', FOLLOWUP_PASS_SECONDS: '5', FOLLOWUP_INSTANCE: 'bot-2.eu' })).toMatchObject({ leaseMs: 4_000, passSeconds: 5, instance: 'bot-2.eu' });
  });

  it('reads the admins as platform:user-id, and refuses anything else naming the variable', () => {
    expect(loadConfig({ FOLLOWUP_ADMINS: 'slack:U0123ABCD, teams:29:1AbC-x ,console:ana' }).admins).toEqual(['slack:U0123ABCD', 'teams:29:1AbC-x', 'console:ana']);
    expect(() => loadConfig({ FOLLOWUP_ADMINS: 'U0123ABCD' })).toThrow(/^FOLLOWUP_ADMINS: expected a comma-separated list of platform:user-id/);
  });

  it('names the variable and what is expected', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ FOLLOWUP_TZ: 'Mars/Olympus' }, /^FOLLOWUP_TZ: expected an IANA time zone name such as Europe\/Zurich.*\(got "Mars\/Olympus"\)/],
      [{ FOLLOWUP_NOW: 'yesterday' }, /^FOLLOWUP_NOW: expected an ISO 8601 instant such as 2014-09-01T09:00:00Z \(got "yesterday"\)/],
      [{ FOLLOWUP_NOW: '2014-02-31T00:00:00Z' }, /^FOLLOWUP_NOW: expected an ISO 8601 instant/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent/],
      [{ FOLLOWUP_GRACE_HOURS: 'six' }, /^FOLLOWUP_GRACE_HOURS: expected a number of hours such as 6 \(got "six"\)/],
      [{ FOLLOWUP_GRACE_HOURS: '-1' }, /^FOLLOWUP_GRACE_HOURS: expected 0 or more hours/],
      [{ PORT: 'eighty' }, /^PORT: expected a port number such as 3000/],
      [{ PORT: '70000' }, /^PORT: expected a port from 0 to 65535/],
      [{ FOLLOWUP_DASHBOARD: 'maybe' }, /^FOLLOWUP_DASHBOARD: expected on or off/],
      [{ FOLLOWUP_DASHBOARD_TOKEN: 'short-secret' }, /^FOLLOWUP_DASHBOARD_TOKEN: expected a secret of at least 16 characters.*\(the value is not shown: it is a secret\)/],
      [{ FOLLOWUP_PUBLIC_URL: 'followup.example.org' }, /^FOLLOWUP_PUBLIC_URL: expected the dashboard's public address/],
      [{ FOLLOWUP_LEASE_SECONDS: '1' }, /^FOLLOWUP_LEASE_SECONDS: expected at least 2 seconds \(got "1"\)/],
      [{ FOLLOWUP_PASS_SECONDS: '7' }, /^FOLLOWUP_PASS_SECONDS: expected a number of seconds that divides a minute: 1, 2, 3/],
      [{ FOLLOWUP_INSTANCE: 'a/b' }, /^FOLLOWUP_INSTANCE: expected a name of letters, digits/],
    ];
    for (const [env, re] of cases) {
      let err: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(env)).toBeInstanceOf(StartupError);
      expect((err as Error).message).toMatch(re);
    }
  });

  it('resolves zone names people use', () => {
    expect(loadConfig({ FOLLOWUP_TZ: 'america/new_york' }).zone).toBe('America/New_York');
    expect(loadConfig({ FOLLOWUP_TZ: 'Rome' }).zone).toBe('Europe/Rome');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ FOLLOWUP_TZ: '' }).zone).toBe('UTC');
  });
});
