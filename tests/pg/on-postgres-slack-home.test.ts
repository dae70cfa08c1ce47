// The same suite as tests/slack/home.test.ts, its bots and servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../slack/home.test.js');
