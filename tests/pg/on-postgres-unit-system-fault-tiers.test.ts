// The same suite as tests/unit/system-fault-tiers.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../unit/system-fault-tiers.test.js');
