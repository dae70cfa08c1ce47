// The same suite as tests/slack/socket-mode.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../slack/socket-mode.test.js');
