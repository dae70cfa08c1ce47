// The same suite as tests/teams/manifest.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../teams/manifest.test.js');
