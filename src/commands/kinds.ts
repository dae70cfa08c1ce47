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

/** For each kind: what its first actor did, and the label of the "who" field. */
const WORDS: Record<Kind, (x: Worded) => { verb: string; who: string }> = {
  commitment: () => ({ verb: 'committed to', who: 'Who committed' }),
  action: () => ({ verb: 'committed to', who: 'Who committed' }),
  proposal: () => ({ verb: 'proposed', who: 'Who proposed it' }),
  view: () => ({ verb: 'said', who: 'Who said it' }),
  finding: () => ({ verb: 'found', who: 'Who found it' }),
  priority: () => ({ verb: 'stated as a priority', who: 'Whose priority' }),
  activity: (x) => (done(x) ? { verb: 'was doing', who: 'Who did it' } : { verb: 'is doing', who: 'Who is doing it' }),
  milestone: (x) => ({
    verb: x.due?.nature === 'hope' ? 'hoped for' : x.due?.nature === 'event' ? (done(x) ? 'held' : 'has scheduled') : done(x) ? 'did' : 'plans',
    who: 'Who',
  }),
};

/**
 * What the item's first actor did, as a title continues "What X …": "committed to" only for
 * commitments and action items; "proposed", "said", "found", "stated as a priority"; an activity
 * "is doing" or, once done, "was doing"; a milestone by its date ("plans", "hoped for", "held",
 * "has scheduled", "did").
 */
export function verbOf(x: Worded): string {
  return WORDS[x.kind](x).verb;
}

/** The label of the "who" field: "Who committed", "Who said it", "Who found it"… */
export function whoLabel(x: Worded): string {
  return WORDS[x.kind](x).who;
}

/** The order verbs are listed in a title: promises first, then what is under way, then words. */
const VERB_ORDER = ['committed to', 'plans', 'is doing', 'has scheduled', 'hoped for', 'proposed', 'stated as a priority', 'was doing', 'did', 'held', 'said', 'found'];

/** "committed to", "is doing and proposed", "proposed, said and found": the verbs of these items. */
export function verbsOf(items: readonly Worded[]): string {
  const verbs = VERB_ORDER.filter((v) => items.some((x) => verbOf(x) === v));
  return verbs.length <= 1 ? (verbs[0] ?? '') : `${verbs.slice(0, -1).join(', ')} and ${verbs.at(-1)!}`;
}
