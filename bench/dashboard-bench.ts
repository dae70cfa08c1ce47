// The dashboard at scale: server time to build the overview, a faceted registry page and an item
// page with 100,000 synthetic items, beside a CSV export of the same filter, and each page's size.
import { DashboardData } from '../src/dashboard/data.js';
import { parseFilter } from '../src/dashboard/filters.js';
import { actorPage } from '../src/dashboard/pages/actor.js';
import { itemPage } from '../src/dashboard/pages/item.js';
import { overviewPage } from '../src/dashboard/pages/overview.js';
import { registryPage } from '../src/dashboard/pages/registry.js';
import { reportPage } from '../src/dashboard/pages/report.js';
import { toCsv } from '../src/export/csv.js';
import { exportSetOf } from '../src/export/records.js';
import type { Db } from '../src/store/db.js';
import { fmt, percentile, table, timeMs } from './stats.js';
import { rng } from './synthetic.js';

const ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 200);

/** Progress notes on a fifth of the items, over three years, so the traffic lights have history to read. */
function addHistory(db: Db, share = 0.2): number {
  const random = rng(7);
  const ids = db.prepare("SELECT id FROM commitments WHERE origin = 'bench'").pluck().all() as string[];
  const ins = db.prepare("INSERT INTO audit (commitment_id, at, platform, user_id, action, note) VALUES (?, ?, 'console', 'bench', 'note', 'progress')");
  let n = 0;
  db.transaction(() => {
    for (const id of ids) {
      if (random() >= share) continue;
      ins.run(id, new Date(Date.UTC(2013, 0, 1) + Math.floor(random() * 1100) * 86_400_000).toISOString());
      n++;
    }
  })();
  return n;
}

async function sampleAsync(fn: () => Promise<string>, rounds = ROUNDS): Promise<{ p50: number; p99: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 5; i++) bytes = Buffer.byteLength(await fn()); // warm up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes };
}

function sample(fn: () => string, rounds = ROUNDS): { p50: number; p99: number; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < 5; i++) bytes = Buffer.byteLength(fn()); // warm up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(timeMs(() => void fn()));
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes };
}

export async function dashboardBench(db: Db, today = '2015-06-15'): Promise<void> {
  const notes = addHistory(db);
  const items = db.prepare('SELECT count(*) FROM commitments WHERE retired_at IS NULL').pluck().get() as number;
  const data = new DashboardData(db, () => today);
  const known = data.known();
  const track = [...known.tracks][0]!;
  const facets = new URLSearchParams({ kind: 'proposal', track, page: '3' });
  const search = new URLSearchParams({ q: 'recruitment costs', kind: 'commitment' });
  const ids = db.prepare("SELECT id FROM commitments WHERE origin = 'bench' ORDER BY seq LIMIT 500").pluck().all() as string[];
  let k = 0;
  const rows: string[][] = [['page', 'p50 ms', 'p99 ms', 'HTML KB', 'CSV export of the same filter, ms']];
  const csvOf = (p: URLSearchParams): number => {
    const f = parseFilter(p, known);
    return timeMs(() => void toCsv(exportSetOf(db, data.allIds({ ...f, page: 1 }), [])));
  };
  const overview = sample(() => overviewPage(data, new URLSearchParams()).value);
  rows.push(['overview (counts reused until the data changes)', fmt(overview.p50), fmt(overview.p99), fmt(overview.bytes / 1024, 1), '']);
  // The first build after a change: a progress note lands before each build, so every count is recomputed.
  const touch = db.prepare("INSERT INTO audit (commitment_id, at, platform, user_id, action, note) VALUES ('bench-1', ?, 'console', 'bench', 'note', 'touch')");
  const cold = sample(() => {
    touch.run(new Date(Date.UTC(2015, 0, 1)).toISOString());
    return overviewPage(data, new URLSearchParams()).value;
  }, Math.min(ROUNDS, 50));
  rows.push(['overview, first build after a change', fmt(cold.p50), fmt(cold.p99), fmt(cold.bytes / 1024, 1), '']);
  const faceted = sample(() => registryPage(data, parseFilter(facets, known)).value);
  rows.push([`registry ?${facets}`, fmt(faceted.p50), fmt(faceted.p99), fmt(faceted.bytes / 1024, 1), fmt(csvOf(facets), 0)]);
  const searched = sample(() => registryPage(data, parseFilter(search, known)).value);
  rows.push([`registry ?${search}`, fmt(searched.p50), fmt(searched.p99), fmt(searched.bytes / 1024, 1), fmt(csvOf(search), 0)]);
  // The light facet after a change (a note lands before each build): its count comes from the tallies, its page from the items' light days.
  const lit = new URLSearchParams({ light: 'red' });
  const lightPage = sample(() => {
    touch.run(new Date(Date.UTC(2015, 0, 1)).toISOString());
    return registryPage(data, parseFilter(lit, known)).value;
  }, Math.min(ROUNDS, 50));
  rows.push([`registry ?${lit}, first build after a change`, fmt(lightPage.p50), fmt(lightPage.p99), fmt(lightPage.bytes / 1024, 1), fmt(csvOf(lit), 0)]);
  const item = await sampleAsync(async () => (await itemPage(data, ids[k++ % ids.length]!, new URLSearchParams())).value);
  rows.push(['item page', fmt(item.p50), fmt(item.p99), fmt(item.bytes / 1024, 1), '']);
  // Not in the targets, measured so nobody is surprised: pages that list all of an actor's items, or the report.
  const actor = sample(() => actorPage(data, 'knomad').value, 10);
  rows.push(['actor page (KNOMAD)', fmt(actor.p50), fmt(actor.p99), fmt(actor.bytes / 1024, 1), '']);
  const report = sample(() => reportPage(data, new URLSearchParams()).value, 10);
  rows.push(['report page', fmt(report.p50), fmt(report.p99), fmt(report.bytes / 1024, 1), '']);
  console.log(`\nDashboard, ${items.toLocaleString('en')} items (${notes.toLocaleString('en')} with a progress note), ${ROUNDS} builds per page, server time to the HTML (target p99 ≤ 30 ms, ≤ 100 KB):`);
  console.log(table(rows));
}
