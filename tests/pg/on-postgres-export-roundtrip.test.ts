// The same suite as tests/export/roundtrip.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../export/roundtrip.test.js');
