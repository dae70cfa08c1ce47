import { citedMessage } from '../core/provenance.js';
import type { CommitmentRecord, MeetingRecord } from '../store/import-repo.js';
import type { ExportSet } from './records.js';

/**
 * One row per commitment. Readable columns first (what a spreadsheet user wants); list-valued
 * fields as `;`-separated ids, and the parts a spreadsheet cannot hold flat (actors' details,
 * recurrence, history) as JSON cells, so the file imports back without loss.
 */
export const CSV_COLUMNS = [
  'id', 'meeting_id', 'meeting_name', 'meeting_short_name', 'meeting_held_from', 'meeting_held_to', 'meeting_place', 'meeting_citation',
  'kind', 'summary', 'actors', 'due_date', 'due_precision', 'due_basis', 'due_nature', 'due_reasoning', 'status', 'owner',
  'section_id', 'section_title', 'paragraph', 'quote', 'tracks', 'track_names', 'agenda', 'recurrence', 'actors_json', 'history_json',
  'message_link', 'message_author', 'message_channel', 'message_posted_at', 'message_json',
] as const;
/**
 * Columns later versions added: a file exported before them still imports (a missing due_nature
 * is a deadline; without the message columns no item came from chat).
 */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['due_nature', 'message_link', 'message_author', 'message_channel', 'message_posted_at', 'message_json']);

/**
 * A spreadsheet would run a cell starting with = + - @ (or a tab or CR) as a formula: such cells,
 * and cells starting with an apostrophe, get one leading apostrophe (spreadsheets hide it), which
 * the import removes again, so the round trip stays exact.
 */
function defuse(v: string): string {
  return /^[=+\-@\t\r']/.test(v) ? `'${v}` : v;
}

export function undefuse(v: string): string {
  return v.startsWith("'") ? v.slice(1) : v;
}

function cell(raw: string): string {
  const v = defuse(raw);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(set: ExportSet): string {
  const meetings = new Map(set.meetings.map((m) => [m.id, m]));
  const rows = set.commitments.map((c) => {
    const m = meetings.get(c.meetingId)!;
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: c.id,
      meeting_id: m.id,
      meeting_name: m.name,
      meeting_short_name: m.shortName,
      meeting_held_from: m.heldFrom,
      meeting_held_to: m.heldTo,
      meeting_place: m.place,
      meeting_citation: m.citation,
      kind: c.kind,
      summary: c.summary,
      actors: c.actors.map((a) => a.acronym ?? a.name).join('; '),
      due_date: c.due?.date ?? '',
      due_precision: c.due?.precision ?? '',
      due_basis: c.due?.basis ?? '',
      due_nature: c.due?.nature ?? '',
      due_reasoning: c.due?.reasoning ?? '',
      status: c.status,
      owner: c.owner ?? '',
      section_id: c.section.id,
      section_title: c.section.title,
      paragraph: String(c.paragraph),
      quote: c.quote,
      tracks: c.tracks.map((t) => t.id).join(';'),
      track_names: JSON.stringify(c.tracks.map((t) => t.name)),
      agenda: c.agenda.join(';'),
      recurrence: c.recurrence ? JSON.stringify(c.recurrence) : '',
      actors_json: JSON.stringify(c.actors),
      history_json: JSON.stringify(c.history),
      // An item captured from chat: its message, readable, then whole for the import.
      message_link: c.message?.permalink ?? '',
      message_author: c.message ? citedMessage(c.message).author : '',
      message_channel: c.message ? `#${citedMessage(c.message).channel}` : '',
      message_posted_at: c.message?.postedAt ?? '',
      message_json: c.message ? JSON.stringify(c.message) : '',
    };
    return CSV_COLUMNS.map((k) => cell(values[k])).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** RFC 4180 parsing: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const src = text.replace(/^\uFEFF/, '');
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('a quoted field is not closed');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** CSV rows (with the header) → records; a problem names the row and the column. */
export function fromCsv(text: string): { meetings: MeetingRecord[]; commitments: unknown[] } {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c) && !OPTIONAL_COLUMNS.has(c));
  if (missing.length) throw new Error(`the header lacks ${missing.join(', ')} (is this a followup export?)`);
  const at = Object.fromEntries(header.map((h, i) => [h, i])) as Record<string, number>;
  const meetings = new Map<string, MeetingRecord>();
  const commitments = rows.slice(1).map((r, n) => {
    const get = (k: (typeof CSV_COLUMNS)[number]): string => undefuse(r[at[k]!] ?? '');
    const json = (k: (typeof CSV_COLUMNS)[number]): unknown => {
      try {
        return JSON.parse(get(k));
      } catch {
        throw new Error(`row ${n + 2}, column ${k}: not valid JSON`);
      }
    };
    meetings.set(get('meeting_id'), {
      id: get('meeting_id'),
      name: get('meeting_name'),
      shortName: get('meeting_short_name'),
      heldFrom: get('meeting_held_from'),
      heldTo: get('meeting_held_to'),
      place: get('meeting_place'),
      citation: get('meeting_citation'),
    });
    const trackIds = get('tracks') ? get('tracks').split(';') : [];
    const trackNames = json('track_names') as string[];
    const record: Partial<CommitmentRecord> & Record<string, unknown> = {
      meetingId: get('meeting_id'),
      id: get('id'),
      kind: get('kind') as CommitmentRecord['kind'],
      actors: json('actors_json') as CommitmentRecord['actors'],
      summary: get('summary'),
      quote: get('quote'),
      section: { id: get('section_id'), title: get('section_title') },
      paragraph: Number(get('paragraph')),
      ...(get('due_date')
        ? { due: { date: get('due_date'), precision: get('due_precision') as never, basis: get('due_basis') as never, ...(get('due_nature') ? { nature: get('due_nature') as never } : {}), ...(get('due_reasoning') ? { reasoning: get('due_reasoning') } : {}) } }
        : {}),
      ...(get('recurrence') ? { recurrence: json('recurrence') as CommitmentRecord['recurrence'] } : {}),
      tracks: trackIds.map((id, i) => ({ id, name: trackNames[i] ?? id })),
      agenda: get('agenda') ? get('agenda').split(';').map(Number) : [],
      status: get('status') as CommitmentRecord['status'],
      ...(get('owner') ? { owner: get('owner') } : {}),
      ...(get('message_json') ? { message: json('message_json') as CommitmentRecord['message'] } : {}),
      history: json('history_json') as CommitmentRecord['history'],
    };
    return record;
  });
  return { meetings: [...meetings.values()], commitments };
}
