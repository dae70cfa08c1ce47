// The same suite as tests/unit/bidi-controls.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../unit/bidi-controls.test.js');
