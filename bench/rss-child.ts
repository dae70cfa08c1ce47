// Measures idle resident memory of one engine holding one index, in a process of its own.
// Usage: node rss-child.js followup <db-file> | minisearch <docs.json>
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { SearchIndex } from '../src/search/search.js';
import { openDatabase } from '../src/store/db.js';
import type { SyntheticDoc } from './synthetic.js';

const [mode, file] = process.argv.slice(2);
let keep: unknown;
if (mode === 'followup') {
  const db = openDatabase(file!);
  const index = new SearchIndex(db);
  index.search('recruitment costs');
  keep = [db, index];
} else {
  const docs = JSON.parse(readFileSync(file!, 'utf8')) as SyntheticDoc[];
  const ms = new MiniSearch<SyntheticDoc>({ fields: ['actors', 'summary', 'tracks', 'quote', 'body'], storeFields: ['id'] });
  ms.addAll(docs);
  ms.search('recruitment costs');
  keep = ms;
}
const g = (globalThis as { gc?: () => void }).gc;
g?.();
setTimeout(() => {
  g?.();
  process.stdout.write(JSON.stringify({ rss: process.memoryUsage().rss, kept: keep !== undefined }));
}, 300);
