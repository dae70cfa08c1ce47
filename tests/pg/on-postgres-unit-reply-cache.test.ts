// The same suite as tests/unit/reply-cache.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../unit/reply-cache.test.js');
