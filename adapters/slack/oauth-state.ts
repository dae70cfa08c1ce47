import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';
import type { OAuthStateRepository } from '../../src/store/slack-contract.js';

/** How long an install link's state is good for: as long as Bolt's state cookie (10 minutes). */
export const STATE_TTL_SECONDS = 600;

/**
 * The install flow's `state`, kept in the database: a random value signed with
 * SLACK_STATE_SECRET (`<nonce>.<mac>`), usable ONCE (it is deleted as it is verified, on whichever
 * instance the redirect lands) and only until it expires. A forged state fails the signature
 * before the database is asked; a replayed or expired one is no longer there.
 */
export class DbStateStore implements StateStore {
  constructor(
    private readonly states: OAuthStateRepository,
    private readonly secret: string,
    private readonly ttlSeconds = STATE_TTL_SECONDS,
  ) {}

  private mac(nonce: string): string {
    return createHmac('sha256', this.secret).update(nonce).digest('base64url');
  }

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    const state = `${nonce}.${this.mac(nonce)}`;
    await this.states.issue(state, JSON.stringify(installOptions), now, new Date(now.getTime() + this.ttlSeconds * 1000));
    return state;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const [nonce, mac, ...rest] = state.split('.');
    const want = nonce ? Buffer.from(this.mac(nonce)) : undefined;
    const got = Buffer.from(mac ?? '');
    if (!want || rest.length > 0 || got.length !== want.length || !timingSafeEqual(got, want)) throw new InvalidStateError('The state parameter is not one this app issued.');
    const options = await this.states.take(state, now);
    if (options === undefined) throw new InvalidStateError('The state parameter was already used, or it expired: start the install again.');
    return JSON.parse(options) as InstallURLOptions;
  }
}
