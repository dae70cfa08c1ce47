// The same suite as tests/slack/request-limits.test.ts, its whole servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../slack/request-limits.test.js');
