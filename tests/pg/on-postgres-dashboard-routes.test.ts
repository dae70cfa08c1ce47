// The same suite as tests/dashboard/routes.test.ts, its servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../dashboard/routes.test.js');
