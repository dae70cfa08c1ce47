import { STATUS_LABELS } from '../../catalog/schema.js';
import { describeDate } from '../../core/due-text.js';
import type { CommitmentView } from '../../store/commitments-repo.js';
import { actorLabel } from '../../commands/present.js';
import { html, query, type Html } from '../html.js';
import type { Light } from '../light.js';

export function itemHref(id: string): string {
  return `/items/${encodeURIComponent(id)}`;
}

export function actorHref(id: string): string {
  return `/actors/${encodeURIComponent(id)}`;
}

export function lightBadge(light: Light | undefined): Html {
  if (!light) return html``;
  return html`<span class="light light-${light}">${light}</span>`;
}

export function dueText(c: CommitmentView, today: string): string {
  if (!c.due) return '—';
  const d = describeDate(c.due, { done: c.status === 'done', today });
  return `${d.label}: ${d.text}`;
}

/** The registry's table of items (a caption says what it lists). */
export function itemTable(items: CommitmentView[], lights: Map<string, Light>, owners: Map<string, string>, today: string, caption: string): Html {
  if (!items.length) return html`<p>No items.</p>`;
  return html`<table>
<caption class="muted small">${caption}</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Who</th><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Light</th></tr></thead>
<tbody>${items.map(
    (c) => html`<tr><td><a href="${itemHref(c.id)}">${c.summary}</a><br><span class="muted small">${c.kind} · ${c.id}</span></td>
<td>${c.actors.map((a, i) => html`${i ? '; ' : ''}<a href="${actorHref(a.id)}">${actorLabel(a)}</a>`)}</td>
<td>${dueText(c, today)}</td><td>${STATUS_LABELS[c.status]}${c.owner ? html`<br><span class="small">owner @${owners.get(c.id) ?? c.owner}</span>` : ''}</td><td>${lightBadge(lights.get(c.id))}</td></tr>`,
  )}</tbody>
</table>`;
}

/** Previous / next links keeping every other parameter. */
export function pager(base: string, params: Record<string, string | number | undefined>, page: number, pages: number): Html {
  if (pages <= 1) return html``;
  return html`<nav class="pager" aria-label="Pages">
${page > 1 ? html`<a href="${base}${query({ ...params, page: page - 1 })}" rel="prev">Previous page</a>` : ''}
<span>Page ${page} of ${pages}</span>
${page < pages ? html`<a href="${base}${query({ ...params, page: page + 1 })}" rel="next">Next page</a>` : ''}
</nav>`;
}
