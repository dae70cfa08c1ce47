// The same suite as tests/unit/word-forms.test.ts, its bots on PostgreSQL (tests/engine.ts).
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../unit/word-forms.test.js');
