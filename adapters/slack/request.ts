import type { IncomingHttpHeaders, IncomingMessage as HttpRequest } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';

/** Slack's rule: a request's timestamp is within five minutes of now, either way. */
const MAX_SKEW_SECONDS = 300;

/**
 * The body, read up to `cap` bytes; undefined as soon as it passes the cap (reading stops there:
 * the rest is never taken off the wire). Rejects if the connection fails mid-body.
 */
export function readCapped(req: HttpRequest, cap: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= cap) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/**
 * Slack's v0 signature over this exact body, with a timestamp that is a whole number of seconds
 * within five minutes of `nowMs` (so "Infinity", "1e9" or "1.5" never pass).
 */
export function isSignedBySlack(headers: IncomingHttpHeaders, body: string, signingSecret: string, nowMs: number): boolean {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  if (Math.abs(nowMs / 1000 - seconds) > MAX_SKEW_SECONDS) return false;
  return isValidSlackRequest({ signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': seconds }, nowMilliseconds: nowMs });
}
