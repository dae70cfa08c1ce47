// The same suite as tests/dashboard/access.test.ts, its servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../dashboard/access.test.js');
