// The same suite as tests/unit/history-names.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../unit/history-names.test.js');
