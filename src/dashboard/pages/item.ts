import { STATUS_LABELS } from '../../catalog/schema.js';
import { splitGlyphNoise } from '../../catalog/glyph-noise.js';
import { actorLabel, citationOf } from '../../commands/present.js';
import { whoLabel } from '../../commands/kinds.js';
import { linkable } from '../../core/provenance.js';
import type { Citation } from '../../core/reply.js';
import type { CommitmentView } from '../../store/commitments-repo.js';
import type { DashboardData, Paragraph } from '../data.js';
import { BadRequest } from '../filters.js';
import { html, query, type Html } from '../html.js';
import { layout } from '../layout.js';
import { actorHref, dueText, itemHref, lightBadge } from './parts.js';

/** The paragraph with the quote marked inside it; the quote alone when the text no longer holds it. */
export function quoteInParagraph(c: CommitmentView, p: Paragraph | undefined): Html {
  if (p) {
    const text = splitGlyphNoise(p.text).clean;
    const at = text.indexOf(c.quote);
    if (at >= 0) {
      return html`<blockquote class="para" id="paragraph">${p.cutStart ? '…' : ''}${text.slice(0, at)}<mark>${c.quote}</mark>${text.slice(at + c.quote.length)}${p.cutEnd ? '…' : ''}</blockquote>`;
    }
  }
  return html`<blockquote class="para"><mark>${c.quote}</mark></blockquote><p class="small muted">The paragraph’s text is not in the store (or no longer holds the quote): the quote is shown alone.</p>`;
}

/** An item captured from chat: the message it came from, linked when its permalink is a web address. */
function chatSource(c: CommitmentView, cite: Citation): Html {
  const url = linkable(cite.url);
  return html`<section aria-labelledby="source-h"><h2 id="source-h">In chat</h2>
<blockquote class="para">${c.quote}</blockquote>
<p class="small">${url ? html`<a href="${url}">${cite.label}</a>` : cite.label}</p>
</section>`;
}

/** GET /items/:id[?action=…]: one item, its source paragraph, its history and its reminders. */
export async function itemPage(data: DashboardData, id: string, params: URLSearchParams): Promise<Html> {
  const c = data.commitments.get(id);
  if (!c) {
    throw new BadRequest(`There is no item “${id.slice(0, 80)}”.`, 'It may have been retired from the catalog, or the link is mistyped. Search for it in the registry.', 404);
  }
  const today = data.today();
  const light = data.lights([c.id]).get(c.id);
  const history = data.imports.history(c.id);
  const actions = [...new Set(history.map((h) => h.action))];
  const action = params.get('action') ?? '';
  if (action && !actions.includes(action)) {
    throw new BadRequest(`This item’s history has no “${action.slice(0, 40)}” entries.`, actions.length ? `Its history has: ${actions.join(', ')}.` : 'Its history is empty.');
  }
  const shown = action ? history.filter((h) => h.action === action) : history;
  const reminders = await data.remindersFor(c.id);
  const cite = citationOf(c);
  const body = html`<p class="small"><a href="/registry">Registry</a> › ${c.id}</p>
<h1>${c.summary}</h1>
<dl class="facts">
<dt>Kind</dt><dd>${c.kind}</dd>
<dt>${whoLabel(c)}</dt><dd>${c.actors.map((a, i) => html`${i ? '; ' : ''}<a href="${actorHref(a.id)}">${actorLabel(a)}</a>`)}</dd>
<dt>Date</dt><dd>${dueText(c, today)}${c.due ? html` <span class="muted">(precision: ${c.due.precision}; ${c.due.basis === 'stated' ? 'stated in the report' : 'inferred'}${c.due.reasoning ? html` — ${c.due.reasoning}` : ''})</span>` : ''}</dd>
${c.recurrence ? html`<dt>Recurs</dt><dd>${c.recurrence.description}</dd>` : ''}
<dt>Status</dt><dd>${STATUS_LABELS[c.status]}</dd>
<dt>Owner</dt><dd>${c.owner ? `@${data.ownerNames([c]).get(c.id) ?? c.owner}` : 'nobody yet'}</dd>
<dt>Traffic light</dt><dd>${lightBadge(light)}</dd>
<dt>Tracks</dt><dd>${c.tracks.length ? c.tracks.map((t, i) => html`${i ? ', ' : ''}<a href="/registry${query({ track: t.id })}">${t.name}</a>`) : '—'}</dd>
<dt>Agenda</dt><dd>${c.agenda.length ? c.agenda.map((n, i) => html`${i ? ', ' : ''}<a href="/registry${query({ agenda: n })}">${n}</a>`) : '—'}</dd>
</dl>
${c.message ? chatSource(c, cite) : html`<section aria-labelledby="source-h"><h2 id="source-h">In the report</h2>
${quoteInParagraph(c, data.paragraph(c.meetingId, c.sectionId, c.paragraph))}
<p class="small">${cite.label} · <a href="/report${query({ meeting: c.meetingId })}#p-${c.sectionId}-${c.paragraph}">read it in the report</a></p>
${cite.note ? html`<p class="small muted">${cite.note}</p>` : ''}
</section>`}
<section aria-labelledby="history-h"><h2 id="history-h">History</h2>
${actions.length > 1 ? html`<p class="noprint">Show: <a href="${itemHref(c.id)}#history-h"${action ? '' : html` aria-current="true"`}>all</a>${actions.map((a) => html` · <a href="${itemHref(c.id)}${query({ action: a })}#history-h"${a === action ? html` aria-current="true"` : ''}>${a}</a>`)}</p>` : ''}
${shown.length ? html`<ol class="history">${shown.map((h) => html`<li><time datetime="${h.at}">${h.at.slice(0, 16).replace('T', ' ')}</time> · <strong>${h.action}</strong>${h.old || h.new ? html` ${h.old ?? '—'} → ${h.new ?? '—'}` : ''}${h.note ? html` · “${h.note}”` : ''} <span class="muted small">by ${data.personName(h)} (${h.platform})</span></li>`)}</ol>` : html`<p>No history yet: nobody has changed this item in chat.</p>`}
</section>
<section aria-labelledby="rem-h"><h2 id="rem-h">Reminders that point at it</h2>
${reminders.length ? html`<ul>${reminders.map((r) => html`<li>#${r.id} · ${r.kind} ${r.state} · ${r.schedule} · to ${r.platform} ${r.targetKind} ${r.targetKind === 'channel' ? '#' : '@'}${data.knownName(r.platform, r.team, r.targetKind, r.targetRef) ?? r.targetRef}${r.nextRunAt ? html` · next ${r.nextRunAt.slice(0, 16).replace('T', ' ')} UTC` : ''}</li>`)}</ul>` : html`<p>None. In chat: <kbd>remind me about ${c.id} tomorrow at 9</kbd>.</p>`}
</section>`;
  return layout(c.summary, body);
}
