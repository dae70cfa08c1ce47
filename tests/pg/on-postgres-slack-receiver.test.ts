// The same suite as tests/slack/receiver.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../slack/receiver.test.js');
