// The same suite as tests/teams/both-platforms.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../teams/both-platforms.test.js');
