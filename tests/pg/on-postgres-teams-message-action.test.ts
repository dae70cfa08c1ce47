// The same suite as tests/teams/message-action.test.ts, its bots and servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../teams/message-action.test.js');
