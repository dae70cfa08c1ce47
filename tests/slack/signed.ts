import { createHmac } from 'node:crypto';
import { messageProblems } from './block-rules.js';

export const SECRET = 'test-signing-secret-0123456789abcdef';

export function signature(body: string, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs to the bot as Slack does: signed with the signing secret, form-encoded or JSON. */
export async function post(
  url: string,
  body: string,
  opts: { json?: boolean; timestamp?: number; secret?: string; headers?: Record<string, string>; sign?: boolean } = {},
): Promise<{ status: number; text: string; json(): unknown }> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': opts.json ? 'application/json' : 'application/x-www-form-urlencoded',
    ...(opts.sign === false ? {} : { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, ts, opts.secret) }),
    ...(opts.headers ?? {}),
  };
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  // A slash command's ack is a message too: it must keep Block Kit's rules.
  if (text.startsWith('{') && text.includes('"blocks"')) {
    const problems = messageProblems(JSON.parse(text));
    if (problems.length) throw new Error(`the ack breaks Block Kit's rules: ${problems.join('; ')}`);
  }
  return { status: res.status, text, json: () => JSON.parse(text) };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
