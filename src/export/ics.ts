import { DateTime } from 'luxon';
import { addDays, dueWindow } from '../core/dates.js';
import { describeDate } from '../core/due-text.js';
import { citedMessage, linkable, messageCitation } from '../core/provenance.js';
import type { CommitmentRecord } from '../store/import-repo.js';
import type { ExportSet } from './records.js';

/** RFC 5545 text escaping. */
const text = (s: string): string => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets (never inside a UTF-8 sequence). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--; // back off a continuation byte
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}

/** The all-day date an item is due: the end of its window (a month-precision date → the month's last day). */
export function dueDay(c: CommitmentRecord): string | undefined {
  return c.due ? dueWindow(c.due.date, c.due.precision).end : undefined;
}

/**
 * An iCalendar feed: one all-day VEVENT per dated commitment on the day it is due (the end of its
 * month or year when that is all the report says), its summary saying "by September 2014", a UID
 * that never changes for the item, and the quote and citation in the description (for an item
 * captured from chat, the message it came from, also as the event's URL).
 */
export function toIcs(set: ExportSet, name: string, stamp: Date): string {
  const meetings = new Map(set.meetings.map((m) => [m.id, m]));
  const dtstamp = DateTime.fromJSDate(stamp, { zone: 'UTC' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//followup//commitments//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${text(name)}`];
  for (const c of set.commitments) {
    const day = dueDay(c);
    if (!day || !c.due) continue;
    const m = meetings.get(c.meetingId)!;
    const start = day.replace(/-/g, '');
    const end = addDays(day, 1).replace(/-/g, '');
    const date = describeDate(c.due, { done: c.status === 'done' }); // "by September 2014", "held October 2013"
    const when = date.text;
    const who = c.actors.map((a) => a.acronym ?? a.name).join(', ');
    // An item captured from chat cites its message (and links to it) instead of a report paragraph.
    const url = linkable(c.message?.permalink);
    const cited = c.message ? `— ${messageCitation(citedMessage(c.message))}${url ? `: ${url}` : ''}` : `— ${m.shortName} report, ${c.section.title}, ¶${c.paragraph}`;
    const description = [`“${c.quote}”`, cited, `Who: ${who || '—'}`, `${date.label}: ${when}${c.due.reasoning ? ` — ${c.due.reasoning}` : ''}`, `Status: ${c.status}`, `Item: ${c.id}`].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${c.id}@${m.id}.followup`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${end}`,
      `SUMMARY:${text(`${who ? `${who}: ` : ''}${c.summary} — ${when}`)}`,
      `DESCRIPTION:${text(description)}`,
      ...(url ? [`URL:${url}`] : []),
      ...(c.tracks.length ? [`CATEGORIES:${c.tracks.map((t) => text(t.name)).join(',')}`] : []),
      `STATUS:${c.status === 'dropped' ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
