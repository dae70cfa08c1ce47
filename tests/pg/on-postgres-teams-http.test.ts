// The same suite as tests/teams/teams-http.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../teams/teams-http.test.js');
