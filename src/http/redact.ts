/** Query parameters whose values are secrets (the calendar's ?token=, and the usual names). */
const SECRET_PARAM = /^(?:token|access_token|key|api_key|secret|password|signature|sig)$/i;

function paramName(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).trim();
  } catch {
    return undefined; // undecodable: treat it as a secret
  }
}

/**
 * A request URL fit for the logs: the value of every secret query parameter becomes
 * `[redacted]`, whatever its spelling (`TOKEN=`, `%74oken=`); everything else is kept.
 */
export function redactUrl(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  if (q < 0) return raw;
  const params = raw
    .slice(q + 1)
    .split('&')
    .map((p) => {
      const eq = p.indexOf('=');
      const name = paramName(eq < 0 ? p : p.slice(0, eq));
      return name === undefined || SECRET_PARAM.test(name) ? `${eq < 0 ? p : p.slice(0, eq)}=[redacted]` : p;
    });
  return `${raw.slice(0, q)}?${params.join('&')}`;
}
