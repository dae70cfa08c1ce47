// The same suite as tests/e2e/ticks-overlap.test.ts, its followup processes on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../e2e/ticks-overlap.test.js');
