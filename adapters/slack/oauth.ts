import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import { webApi } from '@slack/bolt';
import { defaultCallbackFailure, defaultCallbackSuccess, InstallProvider, type CallbackOptions, type InstallURLOptions } from '@slack/oauth';
import type { Logger } from '../../src/core/log.js';
import type { SlackStore } from '../../src/store/slack-contract.js';
import type { SlackOAuthConfig } from './config.js';
import { DbInstallationStore, slackLogger, type RefreshedToken } from './installations.js';
import { DbStateStore } from './oauth-state.js';

/** The bot scopes an installation asks for: the manifest's (adapters/slack/manifest.yaml; a test keeps them equal). */
export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:write', 'channels:history', 'groups:history', 'mpim:history', 'channels:read', 'groups:read', 'users:read'];

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

type Handler = (req: HttpRequest, res: ServerResponse) => void;

export interface OAuthRoutes {
  installer: InstallProvider;
  installations: DbInstallationStore;
  /** GET /slack/install: the "Add to Slack" page; it sets the state cookie. */
  install: Handler;
  /** GET /slack/oauth_redirect: where Slack sends the installer back with `code` and `state`. */
  redirect: Handler;
}

/**
 * Slack's OAuth install flow through Bolt's own InstallProvider (@slack/oauth), with its state
 * store and installation store in the database. `apiUrl` points its Web API calls (oauth.v2.access,
 * auth.test) elsewhere (tests); `redirectUri` is sent to Slack when FOLLOWUP_PUBLIC_URL names it.
 */
export function createOAuth(config: SlackOAuthConfig, store: SlackStore, log: Logger, opts: { apiUrl?: string; redirectUri?: string } = {}): OAuthRoutes {
  const clientOptions = { ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}), retryConfig: { retries: 1 }, timeout: 10_000 };
  const refresher = new webApi.WebClient(undefined, { ...clientOptions, logger: slackLogger(log) });
  const refresh = async (token: string): Promise<RefreshedToken> =>
    (await refresher.oauth.v2.access({ client_id: config.clientId, client_secret: config.clientSecret, grant_type: 'refresh_token', refresh_token: token })) as RefreshedToken;
  const urlOptions: InstallURLOptions = { scopes: BOT_SCOPES, ...(opts.redirectUri ? { redirectUri: opts.redirectUri } : {}) };
  const installations = new DbInstallationStore(store.installations, refresh, log);
  const installer = new InstallProvider({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    stateStore: new DbStateStore(store.states, config.stateSecret),
    installationStore: installations,
    installUrlOptions: urlOptions,
    logger: slackLogger(log),
    clientOptions,
  });
  const callbacks: CallbackOptions = {
    success: (installation, options, req, res) => defaultCallbackSuccess(installation, options, req, res),
    failure: (error, options, req, res) => {
      log.warn({ code: error.code, reason: error.message }, 'slack: an install was refused');
      defaultCallbackFailure(error, options, req, res);
    },
  };
  const failed = (res: ServerResponse) => (err: unknown) => {
    log.error({ err }, 'slack: the install flow failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Sorry — the install could not start. It has been logged.\n');
  };
  return {
    installer,
    installations,
    install: (req, res) => void installer.handleInstallPath(req, res, {}, urlOptions).catch(failed(res)),
    redirect: (req, res) => void installer.handleCallback(req, res, callbacks).catch(failed(res)),
  };
}
