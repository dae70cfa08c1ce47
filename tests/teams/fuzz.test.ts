import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT, MockConnector, postActivity, TENANT } from './mock-connector.js';
import { startTeamsServer } from './server.js';

let connector: MockConnector;
let server: Awaited<ReturnType<typeof startTeamsServer>>;
let url: string;

beforeAll(async () => {
  connector = await new MockConnector().start();
  server = await startTeamsServer();
  url = server.url;
});
afterAll(async () => {
  await server.stop();
  await connector.stop();
});

// Mostly the right thing, sometimes anything JSON can hold, sometimes missing. A serviceUrl is the
// mock's, missing, or something that is not an http(s) address: replies never leave this machine.
const mostly = <T>(typical: fc.Arbitrary<T>) => fc.oneof({ arbitrary: typical, weight: 40 }, { arbitrary: fc.jsonValue(), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
const notHttp = fc.oneof(fc.string(), fc.jsonValue()).filter((v) => typeof v !== 'string' || !/^\s*https?:/i.test(v));
const serviceUrl = fc.oneof({ arbitrary: fc.constant('mock').map(() => connector.url), weight: 8 }, { arbitrary: notHttp, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
const text = fc.oneof(fc.string(), fc.constantFrom('agenda 7', 'gfmd', '<at>followup</at> help', 'remind me tomorrow at 9 about gfmd', 'done owg-focus-areas'));
const account = fc.record({ id: mostly(fc.constantFrom('29:ana-id', BOT.id)), name: mostly(fc.string()), aadObjectId: fc.option(fc.string(), { nil: undefined }) });
const entity = fc.record({
  type: mostly(fc.constantFrom('mention', 'clientInfo')),
  text: mostly(fc.constant('<at>followup</at>')),
  mentioned: mostly(account),
  timezone: mostly(fc.constantFrom('Europe/Zurich', 'Not/AZone')),
});
const activity = fc.record({
  type: mostly(fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'installationUpdate', 'invoke', 'typing', 'event', 'messageReaction')),
  id: mostly(fc.string()),
  serviceUrl,
  channelId: mostly(fc.constant('msteams')),
  from: mostly(account),
  recipient: mostly(account),
  conversation: mostly(fc.record({ id: mostly(fc.constantFrom('a:personal-ana', '19:c@thread.tacv2;messageid=1')), conversationType: mostly(fc.constantFrom('personal', 'channel', 'groupChat')), tenantId: mostly(fc.constant(TENANT)) })),
  text: mostly(text),
  value: fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.record({ followup: mostly(fc.constant('run')), command: mostly(text), action: mostly(fc.constantFrom('done', 'accept')) })),
  replyToId: fc.option(fc.string(), { nil: undefined }),
  entities: mostly(fc.array(mostly(entity), { maxLength: 3 })),
  channelData: mostly(fc.record({ tenant: mostly(fc.record({ id: mostly(fc.constant(TENANT)) })), channel: fc.option(fc.record({ id: mostly(fc.string()) }), { nil: undefined }) })),
  membersAdded: fc.option(fc.array(mostly(account), { maxLength: 2 }), { nil: undefined }),
  action: fc.option(fc.constantFrom('add', 'remove'), { nil: undefined }),
  deliveryMode: fc.option(fc.constantFrom('normal', 'expectReplies', 'notification'), { nil: undefined }),
  name: fc.option(fc.string(), { nil: undefined }),
});

describe('fuzzing /api/messages with activities (anonymous Emulator mode, loopback)', () => {
  it('every answer is a 2xx or a 4xx (never a 5xx, never a dropped connection), and the server answers /healthz after', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: activity, weight: 6 }, { arbitrary: fc.jsonValue(), weight: 1 }), async (a) => {
        const r = await postActivity(url, JSON.stringify(a) ?? 'null');
        expect([2, 4], `${r.status} for ${JSON.stringify(a)?.slice(0, 400)}`).toContain(Math.floor(r.status / 100));
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
