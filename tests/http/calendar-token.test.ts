import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { calendarRoute } from '../../src/http/calendar.js';
import { GuessLimiter } from '../../src/http/guess-limiter.js';
import { createHttpServer } from '../../src/http/server.js';
import { engineApp } from '../engine.js';
import { started } from './helpers.js';

const TOKEN = 'c0ffee1234567890deadbeef0a1b2c3d'; // like `openssl rand -hex 16`

function tokenError(value: string): string | undefined {
  try {
    loadConfig({ FOLLOWUP_CALENDAR_TOKEN: value });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

async function feed(token: string, limiter?: GuessLimiter) {
  const app = await engineApp({ FOLLOWUP_DB: ':memory:' }, silentLogger);
  const server = createHttpServer([{ method: 'GET', path: '/calendar.ics', handler: calendarRoute(app.db, fixedClock('2014-06-15T09:00:00Z'), silentLogger, token, limiter) }], silentLogger);
  const s = await started(server);
  return { get: (given: string) => fetch(`${s.url}/calendar.ics?token=${given}`), stop: () => s.stop().finally(() => app.close()) };
}

describe('FOLLOWUP_CALENDAR_TOKEN at start', () => {
  it('refuses a token too long to ever match, saying the allowed length', () => {
    const message = tokenError('L'.repeat(250));
    expect(message).toMatch(/^FOLLOWUP_CALENDAR_TOKEN: expected .*at most 128 characters/);
    expect(message).not.toContain('LLLLLLLLLL');
  });

  it('refuses guessable tokens, saying how to make a good one', () => {
    for (const value of ['aaaaaaaaaaaaaaaa', 'abababababababab', '1212121212121212-_-_']) {
      expect(tokenError(value), value).toMatch(/^FOLLOWUP_CALENDAR_TOKEN: expected a random secret \(e\.g\. from `openssl rand -hex 16`\).*easy to guess/);
    }
  });

  it('accepts random tokens from 16 to 128 characters', () => {
    for (const value of [TOKEN.slice(0, 16), TOKEN, `${TOKEN}${TOKEN}${TOKEN}${TOKEN}`]) expect(tokenError(value), value).toBeUndefined();
  });

  it('the longest allowed token opens the feed', async () => {
    const long = `${TOKEN}${TOKEN}${TOKEN}${TOKEN}`;
    expect(long).toHaveLength(128);
    const f = await feed(long);
    try {
      expect((await f.get(long)).status).toBe(200);
    } finally {
      await f.stop();
    }
  });
});

describe('guessing the calendar token', () => {
  it('after 10 wrong tokens from one address answers 429 with Retry-After, until the window ends; then the right token works', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const f = await feed(TOKEN, new GuessLimiter({ maxFailures: 10, windowMs: 15 * 60_000, now: () => now }));
    try {
      for (let i = 0; i < 10; i++) expect((await f.get(`wrong-guess-${i}-0123456789`)).status).toBe(401);
      now += 60_000;
      const limited = await f.get('wrong-guess-10-0123456789');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe(String(14 * 60));
      // While limited, even the right token is refused: a guess must learn nothing.
      expect((await f.get(TOKEN)).status).toBe(429);
      now += 14 * 60_000;
      expect((await f.get(TOKEN)).status).toBe(200);
    } finally {
      await f.stop();
    }
  });

  it('a right token clears the count of wrong ones', async () => {
    let now = 0;
    const f = await feed(TOKEN, new GuessLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now }));
    try {
      for (let i = 0; i < 2; i++) expect((await f.get('typo-in-the-link-0123')).status).toBe(401);
      expect((await f.get(TOKEN)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await f.get('typo-in-the-link-0123')).status).toBe(401);
      now += 1;
      expect((await f.get(TOKEN)).status).toBe(429);
    } finally {
      await f.stop();
    }
  });
});

describe('GuessLimiter', () => {
  it('counts each client address apart and forgets old ones within its size', () => {
    let now = 0;
    const limiter = new GuessLimiter({ maxFailures: 2, windowMs: 1_000, maxClients: 3, now: () => now });
    limiter.failed('a');
    limiter.failed('a');
    expect(limiter.blockedFor('a')).toBe(1_000);
    expect(limiter.blockedFor('b')).toBe(0);
    for (const c of ['b', 'c', 'd', 'e']) limiter.failed(c);
    expect(limiter.size).toBeLessThanOrEqual(3);
    now = 1_000;
    expect(limiter.blockedFor('a')).toBe(0);
  });
});
