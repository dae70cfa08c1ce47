import type { Kind } from '../catalog/schema.js';

/** A phrase that marks a sentence as carrying a commitment or an action, and what kind. */
export interface Cue {
  kind: Kind;
  /** Shown to the reviewer: why this sentence was picked. */
  label: string;
  pattern: RegExp;
}

/**
 * The cues, strongest first: a sentence takes the kind of the first cue it matches. Deterministic
 * and explainable — each candidate says which cue picked it.
 */
export const CUES: readonly Cue[] = [
  { kind: 'milestone', label: 'hoped/expected … by a date', pattern: /\b(?:hoped|expected|scheduled|due|planned|set)\b[^.]{0,120}\b(?:by|in|before|ahead of)\s+(?:the end of\s+)?(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})/i },
  { kind: 'milestone', label: 'to be done shortly / upcoming', pattern: /\b(?:was|were|is|are) to be \w+|\bupcoming\b|\bforthcoming\b|\bshortly\b|\bin the coming (?:weeks|months)\b/i },
  { kind: 'priority', label: 'priorities', pattern: /\bpriorit(?:y|ies)\b/i },
  { kind: 'commitment', label: 'committed / pledged / undertook', pattern: /\b(?:commit(?:ted|ment|ments)?|pledged?|undert(?:ook|akes?) to|promised?|agreed to|offered to|would be (?:appealing|presenting|launching|organizing|hosting|preparing|holding|convening))\b/i },
  { kind: 'commitment', label: 'will / would / plans to', pattern: /\b(?:will|would|shall|intends? to|intended to|plann(?:ed|ing) to|plans? to|aim(?:s|ed)? to|was to|were to)\b/i },
  { kind: 'activity', label: 'was working to / ongoing work', pattern: /\b(?:(?:was|were|is|are)(?: (?:all|also|currently|now|still|already|actively|jointly|closely))? (?:working|gathering|studying|developing|preparing|conducting|collecting|considering|planning|monitoring|supporting|building)|continu(?:ed|es|ing) to|had (?:organized|organised|launched|established|produced|selected|held|created|developed|set up|initiated|led to))\b/i },
  { kind: 'proposal', label: 'proposed / urged / called for', pattern: /\b(?:propos(?:ed|al|als)|recommend(?:ed|ation)|suggest(?:ed|ion)|urged?|call(?:ed)? (?:for|on|upon)|appeal(?:ed)?|invit(?:ed|es)|encourag(?:ed|es)|offered the idea|should|could|need(?:ed|s)? to)\b/i },
  { kind: 'activity', label: 'reported / highlighted / presented', pattern: /\b(?:highlighted|reported on|presented|produced|played an important role|mainstreaming|focused on|welcomed)\b/i },
];

export function cueOf(sentence: string): Cue | undefined {
  return CUES.find((c) => c.pattern.test(sentence));
}
