// `npm run teams:package`: the Teams app package (manifest.json with this deployment's ids, the
// 192×192 colour icon and the 32×32 outline icon) as a zip, ready to upload in Teams.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { StartupError } from '../../src/core/errors.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The folder holding package.json, from src or dist. */
export function projectRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'manifest.json')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`manifest.json not found above ${from}`);
  }
}

/** A stable app id derived from the bot's id (UUID v5 shape), so re-packaging updates the same app. */
export function derivedAppId(botId: string): string {
  const h = createHash('sha1').update(`followup-teams-app:${botId.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface PackageResult {
  zip: Uint8Array;
  manifest: Record<string, unknown>;
}

/** Fills the ids (MICROSOFT_APP_ID required; TEAMS_APP_ID and TEAMS_BOT_DOMAIN optional) and zips. */
export function buildPackage(env: NodeJS.ProcessEnv, root = projectRoot()): PackageResult {
  const botId = env.MICROSOFT_APP_ID?.trim();
  if (!botId) throw new StartupError('config', 'MICROSOFT_APP_ID: required to package the Teams app; expected the Azure Bot’s Microsoft App ID (a GUID).');
  if (!GUID.test(botId)) throw new StartupError('config', `MICROSOFT_APP_ID: expected a GUID such as 00000000-0000-0000-0000-000000000000; got "${botId.slice(0, 40)}".`);
  const appId = env.TEAMS_APP_ID?.trim() || derivedAppId(botId);
  if (!GUID.test(appId)) throw new StartupError('config', `TEAMS_APP_ID: expected a GUID (or leave it unset to derive one from MICROSOFT_APP_ID); got "${appId.slice(0, 40)}".`);
  const domain = env.TEAMS_BOT_DOMAIN?.trim();
  if (domain && !/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) throw new StartupError('config', `TEAMS_BOT_DOMAIN: expected a host name such as followup.example.org (no scheme or path); got "${domain.slice(0, 60)}".`);
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as Record<string, unknown> & { bots: Array<{ botId: string }>; composeExtensions?: Array<{ botId: string }>; validDomains?: string[] };
  manifest.id = appId;
  manifest.bots[0]!.botId = botId;
  for (const extension of manifest.composeExtensions ?? []) extension.botId = botId;
  manifest.validDomains = domain ? [domain] : [];
  const icons = path.join(root, 'adapters/teams/icons');
  const zip = zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(path.join(icons, 'color.png')),
    'outline.png': readFileSync(path.join(icons, 'outline.png')),
  });
  return { zip, manifest };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const out = process.argv[2] ?? path.join(projectRoot(), 'var/followup-teams.zip');
    const { zip, manifest } = buildPackage(process.env);
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, zip);
    process.stdout.write(`Wrote ${out} (${zip.length.toLocaleString('en')} bytes): app id ${String(manifest.id)}, bot ${(manifest.bots as Array<{ botId: string }>)[0]!.botId}.\nUpload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.\n`);
  } catch (err) {
    if (err instanceof StartupError) {
      process.stderr.write(`followup: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
