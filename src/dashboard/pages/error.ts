import { html, type Html } from '../html.js';
import { layout } from '../layout.js';

/** A clear page for a mistake in the address (400), something that is not there (404), or a fault (500). */
export function errorPage(status: number, message: string, hint: string): Html {
  const title = status === 404 ? 'Not found' : status === 400 ? 'Bad request' : status === 429 ? 'Too many attempts' : 'Something went wrong';
  return layout(
    title,
    html`<h1>${title}</h1>
<div class="error-box" role="alert"><p>${message}</p><p>${hint}</p></div>
<p><a href="/">Back to the overview</a> · <a href="/registry">All items in the registry</a></p>`,
  );
}

export function signInPage(message?: string): Html {
  return layout(
    'Sign in',
    html`<h1>Sign in</h1>
<p>This dashboard shows follow-up notes and owners, so it is not public. Enter the dashboard token (whoever runs followup set it as FOLLOWUP_DASHBOARD_TOKEN). You stay signed in on this browser for 30 days.</p>
${message ? html`<p class="error-box" role="alert">${message}</p>` : ''}
<form method="post" action="/signin">
<label for="token">Dashboard token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">Sign in</button>
</form>`,
  );
}
