import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPackage, derivedAppId } from '../../adapters/teams/package.js';
import { ROOT, testBot } from '../helpers.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'adapters/teams/schema/teams-manifest-v1.29.schema.json'), 'utf8')) as object;
// CommonJS packages: their default export is under `.default` from ESM.
const ajv = new Ajv.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const errors = (): string => ajv.errorsText(validate.errors);

/** Width and height from a PNG's IHDR chunk, and its colour type (6 = RGBA). */
function pngInfo(buf: Uint8Array): { width: number; height: number; colourType: number } {
  const b = Buffer.from(buf);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colourType: b[25]! };
}

describe('Teams app manifest and package', () => {
  it('manifest.json validates against the v1.29 schema, with the bot in every scope and a command list', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as { manifestVersion: string; bots: Array<{ scopes: string[]; commandLists: Array<{ commands: unknown[] }> }> };
    expect(validate(manifest), errors()).toBe(true);
    expect(manifest.manifestVersion).toBe('1.29');
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.bots[0]!.commandLists[0]!.commands.length).toBeGreaterThan(5);
  });

  it('the command menu holds at most 10 commands (what Teams shows), each a question the bot answers as typed', async () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as { bots: Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }> };
    const titles = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    expect(titles.length).toBeLessThanOrEqual(10);
    // Picking a command puts its title in the compose box: no placeholder to find and replace.
    for (const title of titles) expect(title, title).not.toMatch(/…|\.\.\.|<|>/);
    const t = testBot('2014-06-15T09:00:00Z');
    for (const title of titles) {
      const reply = await t.ask(title);
      expect(reply.tone, title).not.toBe('error');
      expect(reply.tone, title).not.toBe('empty');
    }
    t.db.close();
  });

  it('the schema check is real: a broken manifest is refused', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
    expect(validate({ ...manifest, accentColor: 'blue' })).toBe(false);
    const { icons: _icons, ...noIcons } = manifest;
    expect(validate(noIcons)).toBe(false);
  });

  it('teams:package fills the ids from the environment and zips the manifest with 192×192 and 32×32 icons', () => {
    const botId = '11111111-2222-3333-4444-555555555555';
    const { zip } = buildPackage({ MICROSOFT_APP_ID: botId, TEAMS_BOT_DOMAIN: 'followup.example.org' }, ROOT);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { id: string; bots: Array<{ botId: string }>; validDomains: string[]; icons: { color: string; outline: string } };
    expect(validate(manifest), errors()).toBe(true);
    expect(manifest.bots[0]!.botId).toBe(botId);
    // The "Track as commitment" message action is the bot's too.
    expect((manifest as unknown as { composeExtensions: Array<{ botId: string; commands: Array<{ id: string; context: string[] }> }> }).composeExtensions[0]).toMatchObject({ botId, commands: [{ id: 'trackCommitment', context: ['message'] }] });
    expect(manifest.id).toBe(derivedAppId(botId));
    expect(manifest.id).not.toBe(botId);
    expect(manifest.validDomains).toEqual(['followup.example.org']);
    expect(pngInfo(files[manifest.icons.color]!)).toMatchObject({ width: 192, height: 192 });
    expect(pngInfo(files[manifest.icons.outline]!)).toEqual({ width: 32, height: 32, colourType: 6 }); // transparent
    expect(buildPackage({ MICROSOFT_APP_ID: botId, TEAMS_APP_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }, ROOT).manifest.id).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  });

  it('names the variable when an id is missing or malformed', () => {
    expect(() => buildPackage({}, ROOT)).toThrow(/^MICROSOFT_APP_ID: required to package/);
    expect(() => buildPackage({ MICROSOFT_APP_ID: 'bot' }, ROOT)).toThrow(/^MICROSOFT_APP_ID: expected a GUID/);
    expect(() => buildPackage({ MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', TEAMS_APP_ID: 'x' }, ROOT)).toThrow(/^TEAMS_APP_ID: expected a GUID/);
    expect(() => buildPackage({ MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', TEAMS_BOT_DOMAIN: 'https://x.org/bot' }, ROOT)).toThrow(/^TEAMS_BOT_DOMAIN/);
  });
});
