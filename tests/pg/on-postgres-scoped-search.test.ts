// The same suite as tests/import/scoped-search.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../import/scoped-search.test.js');
