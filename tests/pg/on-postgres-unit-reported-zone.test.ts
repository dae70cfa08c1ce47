// The same suite as tests/unit/reported-zone.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../unit/reported-zone.test.js');
