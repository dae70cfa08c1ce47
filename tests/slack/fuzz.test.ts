import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockSlack } from './mock-slack.js';
import { startSlackServer, type SlackServer } from './server.js';
import { post } from './signed.js';

let mock: MockSlack;
let url: string;
let server: SlackServer;

beforeAll(async () => {
  server = await startSlackServer();
  ({ mock, url } = server);
});
afterAll(() => server.stop());

type Request = { body: string; json: boolean };

// Mostly the right thing, sometimes anything JSON can hold, sometimes missing (undefined: dropped
// by JSON.stringify). URLs only ever point at the mock, or nowhere.
const rarely = <T>(odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: odd, weight: 1 }, { arbitrary: fc.jsonValue(), weight: 1 });
const mostly = <T>(typical: fc.Arbitrary<T>) => fc.oneof({ arbitrary: typical, weight: 20 }, { arbitrary: fc.jsonValue(), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('agenda 7', 'gfmd', 'remind me tomorrow at 9 about gfmd', 'done owg-focus-areas', 'help', '<@U1|ana> <#C1|x> <!channel>'));
const responseUrl = fc.constantFrom('mock', 'mock', 'http://127.0.0.1:1/nowhere', 'not a url').map((u) => (u === 'mock' ? mock.responseUrl('fuzz') : u));
const event = fc.record({
  type: mostly(fc.constantFrom('app_mention', 'app_mention', 'message', 'message', 'app_home_opened', 'function_executed', 'reaction_added')),
  text: mostly(text),
  channel: mostly(fc.constantFrom('C1', 'D1')),
  channel_type: mostly(fc.constantFrom('im', 'channel')),
  user: mostly(fc.constantFrom('U1', 'UBOT')),
  tab: mostly(fc.constantFrom('home', 'messages')),
  subtype: rarely(fc.constantFrom('bot_message', 'message_changed')),
  item: rarely(fc.constant({ channel: 'C1' })),
  ts: mostly(fc.constant('1.1')),
  thread_ts: rarely(fc.constant('1.0')),
});
const eventsBody = fc.record({
  type: mostly(fc.constantFrom('event_callback', 'event_callback', 'event_callback', 'url_verification', 'app_rate_limited', 'block_actions')),
  event: mostly(event),
  challenge: mostly(fc.string()),
  team_id: mostly(fc.constant('T1')),
  event_id: mostly(fc.string()),
  authorizations: rarely(fc.constant([{ team_id: 'T1' }])),
});
const blockActions = fc.record({
  type: mostly(fc.constantFrom('block_actions', 'block_actions', 'block_actions', 'view_submission', 'shortcut')),
  user: mostly(fc.record({ id: mostly(fc.constant('U1')), username: mostly(fc.constant('ana')), team_id: mostly(fc.constant('T1')) })),
  team: mostly(fc.record({ id: mostly(fc.constant('T1')) })),
  channel: mostly(fc.record({ id: mostly(fc.constant('C1')) })),
  response_url: mostly(responseUrl),
  actions: mostly(fc.array(mostly(fc.record({ action_id: mostly(fc.constantFrom('followup:run:done:0', 'other')), value: mostly(text), block_id: mostly(fc.constant('item:owg-focus-areas')) })), { minLength: 1, maxLength: 2 })),
  message: mostly(fc.record({ text: mostly(fc.string()), blocks: mostly(fc.array(mostly(fc.record({ type: mostly(fc.constantFrom('section', 'actions')), block_id: mostly(fc.constant('item:owg-focus-areas')) })), { maxLength: 3 })) })),
  view: rarely(fc.constant({ type: 'home' })),
});
const commandFields = fc.record(
  {
    command: fc.oneof(fc.constant('/followup'), fc.string()),
    text,
    user_id: fc.constantFrom('U1', ''),
    channel_id: fc.constantFrom('C1', ''),
    team_id: fc.string(),
    response_url: responseUrl,
    ssl_check: fc.constantFrom('0', 'yes'),
  },
  { requiredKeys: ['command'] },
);
const formOf = (fields: Record<string, string>, extra: Array<[string, string]>): string => new URLSearchParams([...Object.entries(fields), ...extra]).toString();
const repeats = fc.array(fc.tuple(fc.constantFrom('text', 'command', 'payload', 'user_id'), fc.string()), { maxLength: 1 });

const request: fc.Arbitrary<Request> = fc.oneof(
  // JSON bodies: Events API look-alikes, and any JSON value.
  { arbitrary: eventsBody.map((v) => ({ body: JSON.stringify(v), json: true })), weight: 4 },
  { arbitrary: fc.jsonValue().map((v) => ({ body: JSON.stringify(v) ?? 'null', json: true })), weight: 1 },
  // Form bodies: slash command look-alikes (a field repeated now and then), arbitrary fields, raw strings.
  { arbitrary: fc.tuple(commandFields, fc.oneof(fc.constant([] as Array<[string, string]>), repeats)).map(([f, extra]) => ({ body: formOf(f, extra), json: false })), weight: 3 },
  { arbitrary: fc.dictionary(fc.string(), fc.string(), { maxKeys: 5 }).map((f) => ({ body: formOf(f, []), json: false })), weight: 1 },
  { arbitrary: fc.string().map((body) => ({ body, json: false })), weight: 1 },
  // payload= bodies: block_actions look-alikes, any JSON, and text that is not JSON.
  { arbitrary: blockActions.map((v) => ({ body: formOf({ payload: JSON.stringify(v) }, []), json: false })), weight: 4 },
  { arbitrary: fc.jsonValue().map((v) => ({ body: formOf({ payload: JSON.stringify(v) ?? '' }, []), json: false })), weight: 1 },
  { arbitrary: fc.string().map((s) => ({ body: formOf({ payload: s }, []), json: false })), weight: 1 },
  // The right body under the wrong content type.
  { arbitrary: fc.oneof(eventsBody, commandFields).map((v) => ({ body: JSON.stringify(v), json: false })), weight: 1 },
);

describe('fuzzing /slack/events with signed requests', () => {
  it('every answer is a 2xx or a 4xx (never a 5xx, never a dropped connection), and the server answers /healthz after', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ body, json }) => {
        const r = await post(`${url}/slack/events`, body, { json });
        expect([2, 4], `${r.status} for ${json ? 'JSON' : 'form'} ${body.slice(0, 300)}`).toContain(Math.floor(r.status / 100));
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
