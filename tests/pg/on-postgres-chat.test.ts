// The same suite as tests/console/chat.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../console/chat.test.js');
