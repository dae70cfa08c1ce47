import type { Platform } from '../core/message.js';
import type { AuditEntry } from '../store/audit-repo.js';
import type { Deps } from './types.js';

/** Who made a change, as people read it: "Ana Ruiz". */
export type ChangeNames = {
  /** The person who made the change: their display name, else the name stored with it, else the id. */
  by(e: AuditEntry): string;
  /** A person a change names (an owner), on the change's platform: `@Bob Lee`, else `@<id>`. */
  person(e: AuditEntry, id: string): string;
};

/**
 * The people in an item's history by display name. A change keeps its author's platform id (and
 * the name the platform gave then: a Slack handle, a Teams display name); the name directory has
 * the display name, asked of the change's own platform and team, so a change made on Teams reads
 * well on Slack too. Waits for names no longer than a reply does.
 */
export async function changeNames(entries: readonly AuditEntry[], deps: Deps): Promise<ChangeNames> {
  const refs = new Map<string, { platform: Platform; team: string; kind: 'user'; id: string }>();
  const add = (e: AuditEntry, id: string | null): void => {
    if (id) refs.set(refKey(e, id), { platform: e.platform as Platform, team: e.team, kind: 'user', id });
  };
  for (const e of entries) {
    add(e, e.userId);
    if (e.action === 'owner') {
      add(e, e.oldValue);
      add(e, e.newValue);
    }
  }
  const list = [...refs];
  const found = await deps.names.namesOf(list.map(([, r]) => r));
  const names = new Map(list.map(([k], i) => [k, found[i]]));
  return {
    by: (e) => names.get(refKey(e, e.userId)) ?? (e.userName || e.userId),
    person: (e, id) => `@${names.get(refKey(e, id)) ?? id}`,
  };
}

function refKey(e: AuditEntry, id: string): string {
  return `${e.platform}\u0000${e.team}\u0000${id}`;
}
