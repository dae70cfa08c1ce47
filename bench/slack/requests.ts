// The signed slash-command requests the Slack bench sends.
import { createHmac } from 'node:crypto';
import type autocannon from 'autocannon';

export const SECRET = 'bench-signing-secret-0123456789';
export const LOOKUPS = ['what did KNOMAD commit to?', 'agenda 7', 'due in September 2014', 'find recruitment costs', 'gfmd', 'ILO', 'source knomad-recruitment-costs', 'recruitmant costs'];

export function requests(): autocannon.Request[] {
  const ts = Math.floor(Date.now() / 1000);
  return LOOKUPS.map((text, i) => {
    const body = new URLSearchParams({ token: 'x', team_id: 'T1', channel_id: 'C1', channel_name: 'bench', user_id: `U${i}`, user_name: 'bench', command: '/followup', text, response_url: 'http://127.0.0.1:9/none', trigger_id: 't' }).toString();
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return { method: 'POST', path: '/slack/events', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } };
  });
}


/** A signed message shortcut ("Track as commitment") on a message, as Slack sends it. */
export function shortcutRequest(i: number): { body: string; headers: Record<string, string> } {
  const ts = Math.floor(Date.now() / 1000);
  const payload = {
    type: 'message_action',
    callback_id: 'followup_track_message',
    trigger_id: `bench.${i}`,
    team: { id: 'T1', domain: 'bench' },
    user: { id: 'U1', username: 'bench', team_id: 'T1' },
    channel: { id: 'C1', name: 'bench' },
    message_ts: `1393840800.${String(i).padStart(6, '0')}`,
    message: { type: 'message', ts: `1393840800.${String(i).padStart(6, '0')}`, user: 'U2', text: 'ILO will circulate the draft on recruitment costs by 15 March 2015, with KNOMAD.' },
    response_url: 'http://127.0.0.1:9/none',
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } };
}
