// The same suite as tests/dashboard/browser.test.ts, its servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../dashboard/browser.test.js');
