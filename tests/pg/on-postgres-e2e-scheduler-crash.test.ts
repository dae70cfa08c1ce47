// The same suite as tests/e2e/scheduler-crash.test.ts, its followup processes on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../e2e/scheduler-crash.test.js');
