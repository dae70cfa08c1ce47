// The same suite as tests/slack/slack-http.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../slack/slack-http.test.js');
