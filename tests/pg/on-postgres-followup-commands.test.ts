// The same suite as tests/unit/followup-commands.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../unit/followup-commands.test.js');
