import { DateTime } from 'luxon';
import { actorLabel } from '../../commands/present.js';
import type { DashboardData } from '../data.js';
import { BadRequest } from '../filters.js';
import { html, query, type Html } from '../html.js';
import { layout } from '../layout.js';
import { actorHref, itemTable } from './parts.js';

const GROUPS = [
  { title: 'Committed to', kinds: ['commitment', 'action', 'activity', 'milestone'] },
  { title: 'Proposed', kinds: ['proposal', 'priority'] },
  { title: 'Said', kinds: ['view', 'finding'] },
] as const;

/** Rows shown per group; the rest are one link away in the registry. */
const SHOWN = 50;

/** GET /actors: every actor with a link to its page. */
export function actorsPage(data: DashboardData): Html {
  const actors = data.commitments.actors().sort((a, b) => actorLabel(a).localeCompare(actorLabel(b)));
  return layout('Actors', html`<h1>Actors</h1><ul>${actors.map((a) => html`<li><a href="${actorHref(a.id)}">${actorLabel(a)}</a> <span class="muted small">${a.kind}</span></li>`)}</ul>`);
}

/** GET /actors/:id: what it committed to, proposed and said; its focal point; its update rate. */
export function actorPage(data: DashboardData, id: string): Html {
  const directory = data.directory();
  const actor = directory.get(id);
  if (!actor) throw new BadRequest(`There is no actor “${id.slice(0, 80)}”.`, 'See the list of actors at /actors.', 404);
  const ids = directory.withMembers([id]);
  const items = data.itemsOfActors(ids);
  const today = data.today();
  const yearAgo = DateTime.fromISO(today, { zone: 'UTC' }).minus({ years: 1 }).toISODate()!;
  const updated = data.updatedSince(items.map((c) => c.id), yearAgo);
  const focal = data.focalPoints(id);
  const members = ids.filter((x) => x !== id).map((x) => directory.get(x)!).filter(Boolean);
  const org = actor.organisationId ? directory.get(actor.organisationId) : undefined;
  const group = (kinds: readonly string[]): string[] => items.filter((c) => kinds.includes(c.kind)).map((c) => c.id);
  const body = html`<p class="small"><a href="/actors">Actors</a> › ${actor.id}</p>
<h1>${actorLabel(actor)}</h1>
<dl class="facts">
<dt>Kind</dt><dd>${actor.kind}${actor.role ? html` · ${actor.role}` : ''}</dd>
${org ? html`<dt>Of</dt><dd><a href="${actorHref(org.id)}">${actorLabel(org)}</a></dd>` : ''}
${members.length ? html`<dt>People</dt><dd>${members.map((m, i) => html`${i ? '; ' : ''}<a href="${actorHref(m.id)}">${actorLabel(m)}</a>`)}</dd>` : ''}
<dt>Focal point</dt><dd>${focal.length ? focal.map((f, i) => html`${i ? '; ' : ''}@${data.knownName(f.platform, f.team, 'user', f.userRef) ?? f.userRef} (${f.platform})`) : html`none set (in chat: <kbd>focal point ${actor.acronym ?? actor.id} is @someone</kbd>)`}</dd>
<dt>Update rate</dt><dd>${updated} of ${items.length} item${items.length === 1 ? '' : 's'} had an update in the last year${items.length ? ` (${Math.round((updated / items.length) * 100)}%)` : ''}</dd>
</dl>
${GROUPS.map((g) => {
  const list = group(g.kinds);
  const shown = data.commitments.getMany(list.slice(0, SHOWN));
  const lights = data.lights(shown.map((c) => c.id));
  return html`<section><h2>${g.title} (${list.length})</h2>${itemTable(shown, lights, data.ownerNames(shown), today, `${g.title}: ${actorLabel(actor)}`)}${list.length > SHOWN ? html`<p><a href="/registry${query({ actor: id })}">All ${list.length} in the registry</a></p>` : ''}</section>`;
})}`;
  return layout(actorLabel(actor), body);
}
