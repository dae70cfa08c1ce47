/**
 * The one platform-neutral reply. Commands build it; adapters render it (terminal text here,
 * Slack Block Kit and Teams Adaptive Cards in their adapters). Nothing platform-specific belongs here.
 */
export interface Reply {
  title: string;
  /** A short paragraph under the title. */
  text?: string;
  items?: ReplyItem[];
  /** Set when the answer was cut: how many more there are and how to narrow the question. */
  more?: { count: number; hint: string };
  /** A fixed-size overview (the agenda's eight points, the tracks, help): always shown entire, never paged. */
  whole?: boolean;
  /** Follow-up commands offered under the reply (e.g. suggestions when nothing matched). */
  actions?: ReplyAction[];
  /** `empty` when nothing matched, `error` for a user mistake or our failure. */
  tone?: 'info' | 'empty' | 'error';
  /**
   * Who should see it where the platform can choose: `asker` (default: only the person who
   * asked, e.g. an ephemeral message) or `channel` (summaries, channel reminders).
   */
  audience?: 'asker' | 'channel';
}

export interface ReplyField {
  label: string;
  value: string;
}

export interface Citation {
  meetingId: string;
  meeting: string;
  sectionId: string;
  section: string;
  paragraph: number;
  /** Human-readable form, e.g. "12th meeting report, VII. Selected Presentations… ¶1". */
  label: string;
}

export interface Highlighted {
  text: string;
  /** [start, end) character ranges of `text` that matched the question. */
  highlights: Array<[number, number]>;
}

export interface ReplyItem {
  id: string;
  title: string;
  text?: string;
  fields: ReplyField[];
  quote?: Highlighted;
  citation?: Citation;
  actions?: ReplyAction[];
}

/** A button. Pressing it sends `command` as if the user had typed it. */
export interface ReplyAction {
  id: string;
  label: string;
  command: string;
}

/**
 * Buttons whose answer is the same item, changed (Mark done, Accept, Reject): platforms that can
 * edit a message update the item where the button was instead of posting a new answer.
 */
export const IN_PLACE_ACTIONS: ReadonlySet<string> = new Set(['done', 'accept', 'reject']);
