import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const COOKIE = 'followup_dashboard';
export const SESSION_MS = 30 * 24 * 3_600_000;

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Compares two secrets in constant time (hashes first, so lengths leak nothing). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function sign(token: string, expires: number): string {
  return createHmac('sha256', `followup-dashboard:${token}`).update(`session:${expires}`).digest('base64url');
}

/** A session cookie's value: its expiry and an HMAC keyed by the token (a new token ends every session). */
export function sessionValue(token: string, now: number): string {
  const expires = now + SESSION_MS;
  return `${expires}.${sign(token, expires)}`;
}

export type SessionCheck = 'none' | 'valid' | 'expired' | 'forged';

export function checkSession(cookieHeader: string | undefined, token: string, now: number): SessionCheck {
  const value = readCookie(cookieHeader, COOKIE);
  if (value === undefined) return 'none';
  const m = /^(\d{13,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return 'forged';
  const expires = Number(m[1]);
  if (!timingSafeEqual(Buffer.from(m[2]!), Buffer.from(sign(token, expires)))) return 'forged';
  return expires > now ? 'valid' : 'expired';
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function setCookie(value: string, secure: boolean): string {
  return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}${secure ? '; Secure' : ''}`;
}

/** Whether the address the server listens on reaches only this machine (127.0.0.0/8, ::1). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./i.test(h);
  return false;
}
