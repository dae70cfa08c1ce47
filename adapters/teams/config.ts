import { isIPv4 } from 'node:net';
import { StartupError } from '../../src/core/errors.js';

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface TeamsConfig {
  /** Empty in anonymous (Emulator) mode. */
  appId: string;
  appPassword: string;
  appType: TeamsAppType;
  tenantId?: string;
  /** Anonymous mode for the Bot Framework Emulator: loopback only, no credentials. */
  emulator: boolean;
}

const APP_TYPES: readonly TeamsAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Teams' settings, validated once at start; undefined when none is set (Teams is off).
 * With MICROSOFT_APP_ID every request must carry a valid Bot Framework token. Without it,
 * TEAMS_EMULATOR=1 allows anonymous requests, and only on a loopback address (checked by
 * `assertListenable` once the host is known).
 */
export function loadTeamsConfig(env: NodeJS.ProcessEnv = process.env): TeamsConfig | undefined {
  const get = (k: string): string | undefined => {
    const v = env[k]?.trim();
    return v ? v : undefined;
  };
  const appId = get('MICROSOFT_APP_ID');
  const password = get('MICROSOFT_APP_PASSWORD');
  const tenantId = get('MICROSOFT_APP_TENANT_ID');
  const typeRaw = get('MICROSOFT_APP_TYPE');
  const emulatorRaw = get('TEAMS_EMULATOR');
  if (emulatorRaw !== undefined && !['0', '1', 'true', 'false'].includes(emulatorRaw)) {
    throw new StartupError('config', `TEAMS_EMULATOR: expected 1 (anonymous mode for the Bot Framework Emulator, loopback only) or 0; got "${emulatorRaw.slice(0, 20)}".`);
  }
  const emulator = emulatorRaw === '1' || emulatorRaw === 'true';
  if (!appId && !password && !tenantId && !typeRaw) return emulator ? { appId: '', appPassword: '', appType: 'MultiTenant', emulator: true } : undefined;
  if (!appId) {
    const set = [password && 'MICROSOFT_APP_PASSWORD', tenantId && 'MICROSOFT_APP_TENANT_ID', typeRaw && 'MICROSOFT_APP_TYPE'].filter(Boolean).join(', ');
    throw new StartupError('config', `MICROSOFT_APP_ID: required when Teams is configured (${set} set); expected the bot's Microsoft App ID (a GUID from its Azure Bot registration).`);
  }
  if (!GUID.test(appId)) throw new StartupError('config', `MICROSOFT_APP_ID: expected a GUID such as 00000000-0000-0000-0000-000000000000 (the Azure Bot's Microsoft App ID); got "${appId.slice(0, 40)}".`);
  const appType = (typeRaw ?? 'MultiTenant') as TeamsAppType;
  if (!APP_TYPES.includes(appType)) throw new StartupError('config', `MICROSOFT_APP_TYPE: expected one of ${APP_TYPES.join(', ')}; got "${typeRaw!.slice(0, 40)}".`);
  if (appType !== 'UserAssignedMSI' && !password) throw new StartupError('config', `MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (type ${appType}); expected the client secret of the bot's app registration.`);
  if (appType !== 'MultiTenant' && !tenantId) throw new StartupError('config', `MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is ${appType}; expected the directory (tenant) id, a GUID.`);
  if (tenantId && !GUID.test(tenantId)) throw new StartupError('config', `MICROSOFT_APP_TENANT_ID: expected a GUID (the directory id); got "${tenantId.slice(0, 40)}".`);
  return { appId, appPassword: password ?? '', appType, ...(tenantId ? { tenantId } : {}), emulator: false };
}

/** Anonymous mode accepts unauthenticated requests: refuse to expose it beyond this machine. */
export function assertListenable(config: TeamsConfig, host: string): void {
  if (config.appId) return;
  if (!isLoopback(host)) {
    throw new StartupError(
      'config',
      `HOST: Teams is in anonymous Emulator mode (TEAMS_EMULATOR=1 without MICROSOFT_APP_ID), which only listens on a loopback address; set HOST=127.0.0.1, or set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (got HOST=${host}).`,
    );
  }
}

/** A loopback address written as one: 127.0.0.0/8 in dotted form, ::1, or localhost — never a name such as 127.0.0.1.nip.io. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}
