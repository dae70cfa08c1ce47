import type { Kind, Nature, Status } from '../catalog/schema.js';

/** What a reader needs of an item to word it by its kind. */
export interface Worded {
  kind: Kind;
  status: Status;
  due?: { nature: Nature };
}

/** The kind's name, for `show`. */
export const KIND_NAMES: Record<Kind, string> = {
  commitment: 'Commitment',
  action: 'Action item',
  proposal: 'Proposal',
  priority: 'Stated priority',
  activity: 'Activity',
  milestone: 'Dated milestone',
  view: 'View (something said)',
  finding: 'Finding',
};

const done = (x: Worded): boolean => x.status === 'done';

/**
 * What the item's first actor did, as a title continues "What X …": "committed to" only for
 * commitments and action items; "proposed", "said", "found", "stated as a priority"; an activity
 * "is doing" or, once done, "was doing"; a milestone by its date ("plans", "hoped for", "held",
 * "has scheduled", "did").
 */
export function verbOf(x: Worded): string {
  switch (x.kind) {
    case 'commitment':
    case 'action':
      return 'committed to';
    case 'proposal':
      return 'proposed';
    case 'view':
      return 'said';
    case 'finding':
      return 'found';
    case 'priority':
      return 'stated as a priority';
    case 'activity':
      return done(x) ? 'was doing' : 'is doing';
    case 'milestone':
      if (x.due?.nature === 'hope') return 'hoped for';
      if (x.due?.nature === 'event') return done(x) ? 'held' : 'has scheduled';
      return done(x) ? 'did' : 'plans';
  }
}

/** The label of the "who" field: "Who committed", "Who said it", "Who found it"… */
export function whoLabel(x: Worded): string {
  switch (x.kind) {
    case 'commitment':
    case 'action':
      return 'Who committed';
    case 'proposal':
      return 'Who proposed it';
    case 'view':
      return 'Who said it';
    case 'finding':
      return 'Who found it';
    case 'priority':
      return 'Whose priority';
    case 'activity':
      return done(x) ? 'Who did it' : 'Who is doing it';
    case 'milestone':
      return 'Who';
  }
}

/** The order verbs are listed in a title: promises first, then what is under way, then words. */
const VERB_ORDER = ['committed to', 'plans', 'is doing', 'has scheduled', 'hoped for', 'proposed', 'stated as a priority', 'was doing', 'did', 'held', 'said', 'found'];

/** "committed to", "is doing and proposed", "proposed, said and found": the verbs of these items. */
export function verbsOf(items: readonly Worded[]): string {
  const verbs = VERB_ORDER.filter((v) => items.some((x) => verbOf(x) === v));
  return verbs.length <= 1 ? (verbs[0] ?? '') : `${verbs.slice(0, -1).join(', ')} and ${verbs.at(-1)!}`;
}
