import { html, type Html } from '../html.js';

/**
 * Deadlines by month as a bar chart drawn on the server (no script, no chart library): one bar
 * per month from the first to the last, a label every year, and the numbers in a table beside it
 * for screen readers and print.
 */
export function timelineSvg(months: Array<{ month: string; n: number }>, today: string): Html {
  if (!months.length) return html`<p>No dated items.</p>`;
  const all = fill(months[0]!.month, months[months.length - 1]!.month, new Map(months.map((m) => [m.month, m.n])));
  const max = Math.max(...all.map((m) => m.n));
  const barW = Math.max(4, Math.min(24, Math.floor(900 / all.length)));
  const width = all.length * barW + 40;
  const height = 160;
  const scale = (n: number): number => Math.round((n / max) * 110);
  const current = today.slice(0, 7);
  return html`<svg class="timeline" role="img" aria-labelledby="timeline-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="timeline-title">Deadlines by month, ${all[0]!.month} to ${all[all.length - 1]!.month}; most in one month: ${max}</title>
<line x1="30" y1="125" x2="${width}" y2="125" stroke="#555"/>
<text x="0" y="20" fill="#1b1b1b">${max}</text>
${all.map((m, i) => {
  const h = scale(m.n);
  const x = 30 + i * barW;
  return html`<rect x="${x}" y="${125 - h}" width="${barW - 1}" height="${h}" fill="${m.month < current ? '#b00020' : '#0b5cad'}"><title>${m.month}: ${m.n}</title></rect>${m.month.endsWith('-01') || i === 0 ? html`<text x="${x}" y="145" fill="#1b1b1b">${m.month.slice(0, 4)}</text>` : ''}`;
})}
</svg>
<p class="small muted">Red bars: months already past (their open deadlines are overdue). Blue: to come.</p>`;
}

function fill(first: string, last: string, counts: Map<string, number>): Array<{ month: string; n: number }> {
  const out: Array<{ month: string; n: number }> = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, n: counts.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
