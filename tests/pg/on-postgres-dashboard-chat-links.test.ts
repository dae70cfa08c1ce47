// The same suite as tests/dashboard/chat-links.test.ts, its apps on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../dashboard/chat-links.test.js');
