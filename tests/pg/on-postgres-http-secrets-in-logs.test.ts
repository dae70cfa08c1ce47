// The same suite as tests/http/secrets-in-logs.test.ts, its apps on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../http/secrets-in-logs.test.js');
