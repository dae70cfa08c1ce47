// The same suite as tests/slack/names.test.ts, its bots and servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../slack/names.test.js');
