// The same suite as tests/eval/eval.test.ts (the evaluation's thresholds), its bots on PostgreSQL (tests/engine.ts):
// search answers from each instance's replica of the shared data, so the figures must be the same.
import { onPostgres } from './on-postgres.js';

onPostgres({ writes: false });
await import('../eval/eval.test.js');
