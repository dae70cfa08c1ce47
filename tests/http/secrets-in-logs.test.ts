import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/clock.js';
import { StartupError } from '../../src/core/errors.js';
import { calendarRoute } from '../../src/http/calendar.js';
import { redactUrl } from '../../src/http/redact.js';
import { createHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/core/log.js';
import { engineApp } from '../engine.js';
import { capturedLogger, started } from './helpers.js';

const TOKEN = 'FAKECAL5ecr3tTOKEN0001abc';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    return (err as Error).message;
  }
  throw new Error(`no error for ${Object.keys(env).join(', ')}`);
}

describe('the calendar token never reaches the logs', () => {
  it('a feed that fails logs the request with the token redacted', async () => {
    const app = await engineApp({ FOLLOWUP_DB: ':memory:' }, silentLogger);
    const { log, text } = capturedLogger();
    const server = createHttpServer([{ method: 'GET', path: '/calendar.ics', handler: calendarRoute(app.db, fixedClock('2014-06-15T09:00:00Z'), log, TOKEN) }], log);
    const s = await started(server);
    try {
      app.db.exec('ALTER TABLE commitments RENAME TO c2'); // the feed cannot be built
      const res = await fetch(`${s.url}/calendar.ics?actor=KNOMAD&token=${TOKEN}`);
      expect(res.status).toBe(500);
      expect(text()).toContain('calendar feed failed');
      expect(text()).toContain('actor=KNOMAD');
      expect(text()).not.toContain(TOKEN);
    } finally {
      await s.stop();
      await app.close();
    }
  });

  it('a handler that throws is logged with its URL, the token redacted', async () => {
    const { log, text } = capturedLogger();
    const server = createHttpServer([{ method: 'GET', path: '/boom', handler: () => { throw new Error('boom'); } }], log);
    const s = await started(server);
    try {
      expect((await fetch(`${s.url}/boom?x=1&token=${TOKEN}`)).status).toBe(500);
      expect(text()).toContain('/boom?x=1&token=[redacted]');
      expect(text()).not.toContain(TOKEN);
    } finally {
      await s.stop();
    }
  });

  it('redactUrl hides every spelling of a secret parameter and keeps the rest', () => {
    expect(redactUrl(`/calendar.ics?token=${TOKEN}&actor=ECE`)).toBe('/calendar.ics?token=[redacted]&actor=ECE');
    expect(redactUrl(`/calendar.ics?actor=ECE&%74oken=${TOKEN}`)).toBe('/calendar.ics?actor=ECE&%74oken=[redacted]');
    expect(redactUrl(`/calendar.ics?TOKEN=${TOKEN}&Token=${TOKEN}&token`)).not.toContain(TOKEN);
    expect(redactUrl(`/x?%zz=1&token=${TOKEN}`)).not.toContain(TOKEN);
    expect(redactUrl('/healthz')).toBe('/healthz');
    expect(redactUrl(undefined)).toBe('/');
  });
});

describe('a bad secret in the configuration', () => {
  it('is named with what is expected, and its value is never echoed', () => {
    for (const value of ['MySecretCalendarToken+2026!', 'short-secret']) {
      const message = configError({ FOLLOWUP_CALENDAR_TOKEN: value });
      expect(message).toMatch(/^FOLLOWUP_CALENDAR_TOKEN: expected /);
      expect(message).toMatch(/not shown/);
      expect(message).not.toContain(value.slice(0, 10));
    }
  });

  it('other variables still show the bad value, which helps to fix it', () => {
    expect(configError({ FOLLOWUP_TZ: 'Mars/Olympus' })).toContain('(got "Mars/Olympus")');
  });
});
