// The same suite as tests/import/review.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../import/review.test.js');
