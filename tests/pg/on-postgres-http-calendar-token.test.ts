// The same suite as tests/http/calendar-token.test.ts, its apps on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../http/calendar-token.test.js');
