import type { SystemErrorCode } from './errors.js';

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
  /**
   * Buttons about the message itself (Snooze, Stop on a scheduled message): adapters show them
   * first, apart from and unlike the items' buttons.
   */
  controls?: ReplyAction[];
  /** `empty` when nothing matched, `error` for a user mistake or our failure. */
  tone?: 'info' | 'empty' | 'error';
  /**
   * Who should see it where the platform can choose: `asker` (default: only the person who
   * asked, e.g. an ephemeral message) or `channel` (summaries, channel reminders).
   */
  audience?: 'asker' | 'channel';
  /**
   * Set when the reply reports a system fault an operator must fix (a full disk, a read-only
   * database): nothing was done. `followup ask` then exits 1.
   */
  fault?: SystemErrorCode;
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
  /** The cited paragraph's opening words, so a reader can find it: "In the second presentation of the…". */
  opening?: string;
  /**
   * Human-readable form, one line: "12th meeting report · VII. Selected Presentations…, ¶1
   * “Ms. Warda Henning of UNODC reported…”", and when the extracted text breaks off at the quote,
   * "· the report’s text breaks off here".
   */
  label: string;
  /** A link to the source (the chat message an item was captured from); adapters make the label a link. */
  url?: string;
  /**
   * What a reader must know to find the place in the published report (the section's headings
   * were lost, the paragraphs are counted from the surviving text). The same note for many items:
   * adapters show each distinct note once per reply, under the items (see citationNotes).
   */
  note?: string;
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

/** The distinct citation notes of the items a reply shows, in order: each is shown once, under the items. */
export function citationNotes(items: readonly ReplyItem[] | undefined): string[] {
  return [...new Set((items ?? []).flatMap((i) => (i.citation?.note ? [i.citation.note] : [])))];
}

/** A button. Pressing it sends `command` as if the user had typed it. */
export interface ReplyAction {
  id: string;
  label: string;
  command: string;
  /** `primary` for the expected choice (Accept), `danger` for one that removes or ends something (Reject, Stop). */
  style?: 'primary' | 'danger';
}

/**
 * Buttons whose answer is the same item, changed (Mark done, Accept, Reject): platforms that can
 * edit a message update the item where the button was instead of posting a new answer.
 */
export const IN_PLACE_ACTIONS: ReadonlySet<string> = new Set(['done', 'accept', 'reject']);

/** The main action of an item (Mark done, Accept): platforms may show it as the one primary button. */
export const PRIMARY_ACTIONS: ReadonlySet<string> = new Set(['done', 'accept']);

/** Actions that remove or end something (Reject, Stop): platforms may style them as destructive. */
export const DANGER_ACTIONS: ReadonlySet<string> = new Set(['reject', 'stop']);

/** A scheduled message's own controls (Snooze, Stop): platforms may show them first, apart from the items' buttons. */
export const CONTROL_ACTIONS: ReadonlySet<string> = new Set(['snooze-1d', 'snooze-1w', 'stop', 'pause', 'resume']);
