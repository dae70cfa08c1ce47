import { webApi } from '@slack/bolt';
import { StartupError } from '../../src/core/errors.js';

const SLACK_API = 'https://slack.com/api/';

/** The token a start-up call checks: the bot token (auth.test) or, in Socket Mode, the app token (apps.connections.open). */
export type CheckedToken = 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';

const EXPECTED: Record<CheckedToken, string> = {
  SLACK_BOT_TOKEN: "the app's Bot User OAuth Token (xoxb-…)",
  SLACK_APP_TOKEN: 'an app-level token with the connections:write scope (xapp-…)',
};

/**
 * What to fix when Slack's start-up call fails: the token when Slack refused it; SLACK_API_URL
 * (or the network, when it is not set) when Slack could not be reached or did not answer as Slack.
 */
export function startFailure(err: unknown, token: CheckedToken, apiUrl: string | undefined): StartupError {
  if (err instanceof webApi.WebAPIPlatformError) {
    return new StartupError('config', `${token}: Slack refused it (${err.data.error}); expected ${EXPECTED[token]}.`);
  }
  if (err instanceof webApi.WebAPIRequestError) {
    const reason = err.original.message;
    return apiUrl
      ? new StartupError('config', `SLACK_API_URL: could not reach ${apiUrl} (${reason}); expected the address of Slack's Web API, such as ${SLACK_API}, or of a proxy in front of it.`)
      : new StartupError('config', `Slack could not be reached at ${SLACK_API} (${reason}): check this machine's network connection, or set SLACK_API_URL to a proxy that reaches Slack.`);
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return apiUrl
      ? new StartupError('config', `SLACK_API_URL: ${apiUrl} answered HTTP ${err.statusCode}, not as Slack's Web API does; expected an address such as ${SLACK_API}.`)
      : new StartupError('config', `Slack answered HTTP ${err.statusCode} at ${SLACK_API}; try again in a moment (see https://slack-status.com).`);
  }
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return new StartupError('config', `Slack is rate-limiting this app; try again in ${err.retryAfter} s.`);
  }
  return new StartupError('config', `${token}: could not be checked with Slack (${(err as Error).message}).`);
}
