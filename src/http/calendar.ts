import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../core/clock.js';
import { isUserError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { toIcs } from '../export/ics.js';
import { exportSet } from '../export/records.js';
import type { Db } from '../store/db.js';
import { GuessLimiter } from './guess-limiter.js';
import { answerError } from './server.js';

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * GET /calendar.ics[?actor=KNOMAD][&meeting=12th meeting][&track=post-2015]: the dated
 * commitments as an iCalendar feed people subscribe to from their calendar. With
 * FOLLOWUP_CALENDAR_TOKEN set, the feed needs `token=<it>` in the link, and an address that
 * sent too many wrong tokens is answered 429 until its window ends (see GuessLimiter).
 */
export function calendarRoute(db: Db, clock: Clock, log: Logger, token?: string, limiter = new GuessLimiter()) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const param = (k: string): string | undefined => url.searchParams.get(k)?.trim().slice(0, 200) || undefined;
    if (token) {
      const client = req.socket.remoteAddress ?? '';
      const wait = limiter.blockedFor(client);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(seconds) }).end(`Too many wrong calendar links from this address: try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.\n`);
        return;
      }
      if (!sameSecret(url.searchParams.get('token')?.trim() ?? '', token)) {
        limiter.failed(client);
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('This calendar is private: subscribe with its full link, which ends in ?token=… (ask whoever runs followup).\n');
        return;
      }
      limiter.succeeded(client);
    }
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
      answerError(err, req, res, log, 'calendar feed failed', 'Sorry — the calendar could not be built. It has been logged.\n', { dbFile: db.name });
    }
  };
}
