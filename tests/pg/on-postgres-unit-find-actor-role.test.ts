// The same suite as tests/unit/find-actor-role.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../unit/find-actor-role.test.js');
