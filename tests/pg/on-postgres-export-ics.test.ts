// The same suite as tests/export/ics.test.ts, its bots and servers on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../export/ics.test.js');
