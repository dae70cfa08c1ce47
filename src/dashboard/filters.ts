import { KINDS, STATUSES, type Kind, type Status } from '../catalog/schema.js';
import { LIGHTS, type Light } from './light.js';

export const DUE_WINDOWS = { overdue: 'overdue', next30: 'due in the next 30 days', next90: 'due in the next 90 days', dated: 'with a date', undated: 'without a date' } as const;
export type DueWindow = keyof typeof DUE_WINDOWS;

export interface Filter {
  q?: string;
  meeting?: string;
  actor?: string;
  track?: string;
  agenda?: number;
  kind?: Kind;
  status?: Status;
  light?: Light;
  due?: DueWindow;
  page: number;
}

/** The registry's facets, in the order of the form. */
export const FACETS = ['meeting', 'actor', 'track', 'agenda', 'kind', 'status', 'light', 'due'] as const;

/** What is known to exist: an unknown facet value is a 400 naming the value and what there is. */
export interface Known {
  meetings: ReadonlySet<string>;
  actors: ReadonlySet<string>;
  tracks: ReadonlySet<string>;
  agenda: ReadonlySet<number>;
}

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

export const MAX_QUERY = 500;

/** Every percent-escape must decode (URLSearchParams would turn a malformed one into U+FFFD silently). */
export function searchParams(rawQuery: string): URLSearchParams {
  for (const part of rawQuery.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new BadRequest('This address has a malformed %-escape.', 'Each % must be followed by two hexadecimal digits of valid UTF-8 text. Start again from the registry.');
    }
  }
  return new URLSearchParams(rawQuery);
}

function one<T extends string>(name: string, value: string | null, allowed: readonly T[] | ReadonlySet<T>, label: string): T | undefined {
  if (value === null || value === '') return undefined;
  const ok = Array.isArray(allowed) ? (allowed as readonly T[]).includes(value as T) : (allowed as ReadonlySet<T>).has(value as T);
  if (!ok) {
    const list = [...allowed].slice(0, 30).join(', ');
    throw new BadRequest(`There is no ${label} “${value.slice(0, 80)}”.`, `The ${name} filter takes one of: ${list}${[...allowed].length > 30 ? ', …' : ''}.`);
  }
  return value as T;
}

export function parseFilter(p: URLSearchParams, known: Known): Filter {
  const q = p.get('q')?.trim() ?? '';
  if (q.length > MAX_QUERY) throw new BadRequest(`The search text is ${q.length.toLocaleString('en')} characters long.`, `Search with at most ${MAX_QUERY} characters: a few words find more than a paragraph.`);
  const pageText = p.get('page') ?? '1';
  if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1) throw new BadRequest(`“${pageText.slice(0, 40)}” is not a page number.`, 'Pages are numbered from 1.');
  const agendaText = p.get('agenda');
  let agenda: number | undefined;
  if (agendaText) {
    agenda = Number(agendaText);
    if (!/^\d{1,3}$/.test(agendaText) || !known.agenda.has(agenda)) throw new BadRequest(`There is no agenda point “${agendaText.slice(0, 40)}”.`, `Agenda points: ${[...known.agenda].join(', ')}.`);
  }
  const f: Filter = { page: Number(pageText) };
  if (q) f.q = q;
  const meeting = one('meeting', p.get('meeting'), known.meetings, 'meeting');
  const actor = one('actor', p.get('actor'), known.actors, 'actor');
  const track = one('track', p.get('track'), known.tracks, 'track');
  const kind = one('kind', p.get('kind'), KINDS, 'kind');
  const status = one('status', p.get('status'), STATUSES, 'status');
  const light = one('light', p.get('light'), LIGHTS, 'traffic light');
  const due = one('due', p.get('due'), Object.keys(DUE_WINDOWS) as DueWindow[], 'due window');
  Object.assign(f, { ...(meeting ? { meeting } : {}), ...(actor ? { actor } : {}), ...(track ? { track } : {}), ...(agenda !== undefined ? { agenda } : {}), ...(kind ? { kind } : {}), ...(status ? { status } : {}), ...(light ? { light } : {}), ...(due ? { due } : {}) });
  return f;
}

/** The filter as query parameters (page left out unless asked), for links and exports. */
export function filterParams(f: Filter, extra: Record<string, string | number | undefined> = {}): Record<string, string | number | undefined> {
  return { q: f.q, meeting: f.meeting, actor: f.actor, track: f.track, agenda: f.agenda, kind: f.kind, status: f.status, light: f.light, due: f.due, ...extra };
}
