// The same suite as tests/unit/reminder-safety.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../unit/reminder-safety.test.js');
