import { describe, expect, it } from 'vitest';
import { testBot } from '../helpers.js';

describe('a zone reported by the platform', () => {
  it('is the person’s zone until they set one with tz; an unknown name is ignored', async () => {
    const { bot } = testBot('2014-06-15T09:00:00Z');
    const say = (text: string, zone?: string) => bot.handle({ text, platform: 'teams', team: 't', user: { id: 'u1', ...(zone ? { zone } : {}) }, channel: { id: 'c1' } });
    expect(JSON.stringify(await say('tz', 'America/New_York'))).toMatch(/America\/New_York/);
    expect(JSON.stringify(await say('tz', 'Mars/Olympus'))).not.toMatch(/Mars/);
    await say('tz Europe/Rome', 'America/New_York');
    const after = JSON.stringify(await say('tz', 'America/New_York'));
    expect(after).toMatch(/Europe\/Rome/);
    expect(after).not.toMatch(/America\/New_York/);
  });
});
