import type { Config } from '../config.js';
import { describeEngine, engineOf, migrateEngine } from '../store/engine.js';

/**
 * `followup migrate`: applies the numbered migrations on the configured engine (the SQLite file,
 * or PostgreSQL when FOLLOWUP_DATABASE_URL is set) and says what it did. Safe to run on several
 * machines at once (PostgreSQL migrates under an advisory lock, in one transaction).
 */
export async function runMigrate(config: Config, write: (text: string) => void): Promise<void> {
  const engine = engineOf(config);
  const r = await migrateEngine(engine);
  const what = describeEngine(engine);
  if (r.applied.length === 0) write(`${what}: schema version ${r.to}, up to date.\n`);
  else write(`${what}: migrated from schema version ${r.from} to ${r.to}:\n${r.applied.map((a) => `  ${a}\n`).join('')}`);
}
