// The same suite as tests/slack/fuzz.test.ts, its whole servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../slack/fuzz.test.js');
