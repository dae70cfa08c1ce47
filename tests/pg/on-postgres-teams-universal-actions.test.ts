// The same suite as tests/teams/universal-actions.test.ts, its bots and servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../teams/universal-actions.test.js');
