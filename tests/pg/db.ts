import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The throwaway cluster's superuser URL (tests/pg/global-setup.ts); fails the test when there is none. */
export function clusterUrl(): string {
  const p = inject('postgres');
  if ('error' in p) throw new Error(`PostgreSQL tests need a server: ${p.error}`);
  return p.url;
}

export function passwordUser(): { name: string; password: string } {
  const p = inject('postgres');
  if ('error' in p) throw new Error(`PostgreSQL tests need a server: ${p.error}`);
  return p.passwordUser;
}

/** The cluster's URL with another database (and optionally another user and password). */
export function urlFor(database: string, user?: { name: string; password?: string }): string {
  const u = new URL(clusterUrl());
  u.pathname = `/${database}`;
  if (user) {
    u.username = user.name;
    u.password = user.password ?? '';
  }
  return u.toString();
}

/** A new, empty database of its own for one test or file: its URL. */
export async function freshDatabase(prefix = 't'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return urlFor(name);
}
