// The same suite as tests/dashboard/light.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: true });
await import('../dashboard/light.test.js');
