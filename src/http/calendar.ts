import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../core/clock.js';
import { isUserError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { toIcs } from '../export/ics.js';
import { exportSet } from '../export/records.js';
import type { Db } from '../store/db.js';

/**
 * GET /calendar.ics[?actor=KNOMAD][&meeting=12th meeting][&track=post-2015]: the dated
 * commitments as an iCalendar feed people subscribe to from their calendar.
 */
export function calendarRoute(db: Db, clock: Clock, log: Logger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const param = (k: string): string | undefined => url.searchParams.get(k)?.trim().slice(0, 200) || undefined;
    try {
      const actor = param('actor');
      const meeting = param('meeting');
      const track = param('track');
      const set = exportSet(db, { ...(actor ? { actor } : {}), ...(meeting ? { meeting } : {}), ...(track ? { track } : {}) });
      const body = toIcs(set, `followup: ${set.scope.join(' · ') || 'all commitments'}`, clock.now());
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'max-age=300', 'content-disposition': 'inline; filename="followup.ics"' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      if (isUserError(err)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`${err.message}${err.hint ? `\n${err.hint.replace(/`/g, '')}` : ''}\n`);
        return;
      }
      log.error({ err, url: req.url }, 'calendar feed failed');
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Sorry — the calendar could not be built. It has been logged.\n');
    }
  };
}
