import { splitGlyphNoise } from '../../catalog/glyph-noise.js';
import type { DashboardData } from '../data.js';
import { BadRequest } from '../filters.js';
import { html, query, type Html } from '../html.js';
import { layout } from '../layout.js';
import { itemHref } from './parts.js';

/** GET /report[?meeting=id]: the report by section and paragraph, each marked with the items drawn from it. */
export function reportPage(data: DashboardData, params: URLSearchParams): Html {
  const meetings = data.reference.meetings();
  const wanted = params.get('meeting') ?? meetings[0]?.id;
  const meeting = meetings.find((m) => m.id === wanted);
  if (!meeting) throw new BadRequest(`There is no meeting “${String(wanted ?? '').slice(0, 80)}”.`, `Meetings: ${meetings.map((m) => m.id).join(', ') || 'none yet'}.`, 404);
  const sections = data.report(meeting.id);
  const drawn = data.itemsByParagraph(meeting.id, sections.flatMap((s) => s.paragraphs));
  const tracked = sections.reduce((n, s) => n + s.paragraphs.filter((p) => drawn.has(`${s.id}:${p.number}`)).length, 0);
  const count = sections.reduce((n, s) => n + s.paragraphs.length, 0);
  const body = html`<h1>${meeting.name}: the report</h1>
${meetings.length > 1 ? html`<p class="noprint">Other reports: ${meetings.filter((m) => m.id !== meeting.id).map((m, i) => html`${i ? ' · ' : ''}<a href="/report${query({ meeting: m.id })}">${m.shortName}</a>`)}</p>` : ''}
<p>${meeting.citation}. ${tracked} of ${count} paragraphs have items drawn from them; the others are marked “not tracked”. Extraction noise (PDF glyph runs) is left out.</p>
${sections.length ? '' : html`<p>The store has no text of this report.</p>`}
${sections.map(
  (s) => html`<section aria-labelledby="s-${s.id}"><h2 id="s-${s.id}">${s.title}</h2>${s.note ? html`<p class="small muted">${s.note}</p>` : ''}
${s.paragraphs.map((p) => {
  const d = drawn.get(`${s.id}:${p.number}`);
  return html`<div class="para-block" id="p-${s.id}-${p.number}"><p><strong>¶${p.number}</strong> ${p.cutStart ? '…' : ''}${splitGlyphNoise(p.text).clean}${p.cutEnd ? '…' : ''}</p>
${d ? html`<p class="tag">Items drawn from it (${d.total}): ${d.items.map((i, k) => html`${k ? ' · ' : ''}<a href="${itemHref(i.id)}">${i.summary}</a> <span class="muted small">(${i.kind})</span>`)}${d.total > d.items.length ? html` · and ${d.total - d.items.length} more` : ''}</p>` : html`<p class="tag untracked">Not tracked.</p>`}</div>`;
})}</section>`,
)}`;
  return layout(`Report: ${meeting.shortName}`, body, '/report');
}
