// The same suite as tests/unit/lay-words.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../unit/lay-words.test.js');
