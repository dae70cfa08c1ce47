import { KINDS, STATUSES, STATUS_LABELS } from '../../catalog/schema.js';
import { actorLabel } from '../../commands/present.js';
import { PAGE_SIZE, SEARCH_LIMIT, type DashboardData } from '../data.js';
import { BadRequest, DUE_WINDOWS, filterParams, type Filter } from '../filters.js';
import { html, query, type Html } from '../html.js';
import { layout } from '../layout.js';
import { LIGHTS } from '../light.js';
import { itemTable, pager } from './parts.js';

function select(name: string, label: string, options: Array<{ value: string; label: string }>, current: string | undefined): Html {
  return html`<label for="f-${name}">${label}<select id="f-${name}" name="${name}"><option value="">any</option>${options.map(
    (o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`,
  )}</select></label>`;
}

export const EXPORTS = [
  { ext: 'csv', label: 'CSV' },
  { ext: 'json', label: 'JSON' },
  { ext: 'md', label: 'Markdown' },
  { ext: 'ics', label: 'Calendar (ICS)' },
] as const;

/** GET /registry?…: every item, narrowed by the facets and the search box, a page at a time. */
export function registryPage(data: DashboardData, f: Filter): Html {
  const today = data.today();
  const { items, total, corrections, unknown } = data.registry(f);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (f.page > pages) {
    throw new BadRequest(`Page ${f.page} is past the end: this view has ${pages} page${pages === 1 ? '' : 's'}.`, `Go to the last page: /registry${query(filterParams(f, { page: pages }))}`, 404);
  }
  const actors = data.commitments.actors().sort((a, b) => actorLabel(a).localeCompare(actorLabel(b)));
  const params = filterParams(f);
  const form = html`<form class="facets" method="get" action="/registry" role="search" aria-label="Filter the registry">
<label for="f-q">Search<input id="f-q" name="q" type="search" value="${f.q ?? ''}" maxlength="500"></label>
${select('meeting', 'Meeting', data.reference.meetings().map((m) => ({ value: m.id, label: m.shortName })), f.meeting)}
${select('actor', 'Actor', actors.map((a) => ({ value: a.id, label: actorLabel(a) })), f.actor)}
${select('track', 'Track', data.reference.tracks().map((t) => ({ value: t.id, label: t.name })), f.track)}
${select('agenda', 'Agenda point', data.reference.agenda().map((a) => ({ value: String(a.number), label: `${a.number}. ${a.title}` })), f.agenda === undefined ? undefined : String(f.agenda))}
${select('kind', 'Kind', KINDS.map((k) => ({ value: k, label: k })), f.kind)}
${select('status', 'Status', STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })), f.status)}
${select('light', 'Traffic light', LIGHTS.map((l) => ({ value: l, label: l })), f.light)}
${select('due', 'Due', Object.entries(DUE_WINDOWS).map(([value, label]) => ({ value, label })), f.due)}
<button type="submit">Apply</button> <a href="/registry">Clear all</a>
</form>`;
  const note = [
    corrections.length ? html`<p>Searched for ${corrections.map((c, i) => html`${i ? ', ' : ''}“${c.to}” (you typed “${c.from}”)`)}.</p>` : '',
    unknown.length ? html`<p>No item contains ${unknown.map((w, i) => html`${i ? ', ' : ''}“${w}”`)}.</p>` : '',
  ];
  const first = total ? (f.page - 1) * PAGE_SIZE + 1 : 0;
  const body = html`<h1>Registry</h1>
${form}
${note}
<p id="result-count" aria-live="polite">${total.toLocaleString('en')} item${total === 1 ? '' : 's'}${total ? html`, showing ${first.toLocaleString('en')}–${(first + items.length - 1).toLocaleString('en')}` : ''}${f.q ? `, best matches first (a search keeps its ${SEARCH_LIMIT} best)` : ', in report order'}.</p>
<p class="exports">Export this view: ${EXPORTS.map((e) => html`<a href="/registry.${e.ext}${query(params)}" download>${e.label}</a>`)}</p>
${itemTable(items, data.lights(items.map((c) => c.id)), data.ownerNames(items), today, 'Items matching the filters')}
${pager('/registry', params, f.page, pages)}`;
  return layout('Registry', body, '/registry');
}
