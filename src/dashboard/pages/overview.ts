import { DateTime } from 'luxon';
import { KINDS, STATUSES, STATUS_LABELS } from '../../catalog/schema.js';
import type { DashboardData } from '../data.js';
import { BadRequest } from '../filters.js';
import { html, query, type Html } from '../html.js';
import { layout } from '../layout.js';
import { LIGHT_RULE, LIGHTS } from '../light.js';
import { itemHref, lightBadge } from './parts.js';
import { timelineSvg } from './timeline-svg.js';

function card(label: string, n: number, href: string): Html {
  return html`<a class="card" href="${href}"><span class="n">${n.toLocaleString('en')}</span>${label}</a>`;
}

/** GET /[?since=YYYY-MM-DD]: the whole picture. */
export function overviewPage(data: DashboardData, params: URLSearchParams): Html {
  const today = data.today();
  const sinceText = params.get('since') ?? DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 90 }).toISODate()!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(sinceText) || !DateTime.fromISO(sinceText).isValid) {
    throw new BadRequest(`“${sinceText.slice(0, 40)}” is not a date.`, 'Give “changed since” as a date such as 2014-06-01.');
  }
  const c = data.counts();
  const changed = data.changedSince(sinceText);
  const changedItems = new Map(data.commitments.getMany(changed.map((r) => r.id)).map((i) => [i.id, i]));
  const body = html`<h1>Overview</h1>
<p>${c.total.toLocaleString('en')} items tracked${data.reference.meetings().length ? html` from ${data.reference.meetings().map((m) => m.name).join('; ')}` : ''}. Today is ${today}.</p>
<section aria-labelledby="due-h"><h2 id="due-h">Deadlines</h2>
<div class="cards">${card('overdue', c.overdue, `/registry${query({ due: 'overdue' })}`)}${card('due in the next 30 days', c.next30, `/registry${query({ due: 'next30' })}`)}${card('due in the next 90 days', c.next90, `/registry${query({ due: 'next90' })}`)}</div>
</section>
<section aria-labelledby="light-h"><h2 id="light-h">Traffic lights</h2>
<div class="cards">${LIGHTS.map((l) => html`<a class="card" href="/registry${query({ light: l })}"><span class="n">${(c.light.get(l) ?? 0).toLocaleString('en')}</span>${lightBadge(l)}</a>`)}</div>
<details><summary>How the light is worked out</summary><ul>${LIGHT_RULE.map((r) => html`<li>${r}</li>`)}</ul></details>
</section>
<section aria-labelledby="status-h"><h2 id="status-h">By status and kind</h2>
<div class="cards">${STATUSES.filter((s) => c.status.get(s)).map((s) => card(STATUS_LABELS[s], c.status.get(s)!, `/registry${query({ status: s })}`))}</div>
<div class="cards">${KINDS.filter((k) => c.kind.get(k)).map((k) => card(k, c.kind.get(k)!, `/registry${query({ kind: k })}`))}</div>
</section>
<section aria-labelledby="time-h"><h2 id="time-h">Open deadlines by month</h2>
${timelineSvg(data.timeline(), today)}
</section>
<section aria-labelledby="changed-h"><h2 id="changed-h">Changed since ${sinceText}</h2>
<form method="get" action="/" class="noprint"><label for="since">Changed since</label> <input id="since" name="since" type="date" value="${sinceText}"> <button type="submit">Show</button></form>
${
  changed.length
    ? html`<ul>${changed.map((r) => {
        const item = changedItems.get(r.id);
        return html`<li><a href="${itemHref(r.id)}">${item?.summary ?? r.id}</a> — ${r.changes} change${r.changes === 1 ? '' : 's'}, last ${r.last.slice(0, 10)}</li>`;
      })}</ul>`
    : html`<p>Nothing changed since ${sinceText}.</p>`
}
</section>`;
  return layout('Overview', body, '/');
}
