// The same suite as tests/e2e/import-export.test.ts, its followup processes on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../e2e/import-export.test.js');
