// The same suite as tests/scheduler/platforms.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../scheduler/platforms.test.js');
