import type { Clock } from '../core/clock.js';
import type { NameDirectory } from '../core/directory.js';
import type { IncomingMessage } from '../core/message.js';
import type { Reply } from '../core/reply.js';
import type { ActorDirectory } from '../search/actors.js';
import type { SearchIndex } from '../search/search.js';
import type { AuditRepository } from '../store/audit-repo.js';
import type { CandidateRepository } from '../store/candidates-repo.js';
import type { Pages } from './pages.js';
import type { ImportRepository } from '../store/import-repo.js';
import type { CommitmentRepository, ReferenceRepository } from '../store/commitments-repo.js';
import type { MessageRepository } from '../store/messages-repo.js';
import type { PrefsRepository } from '../store/prefs-repo.js';
import type { SchedulerStore } from '../store/contract.js';
import type { SharedWrites } from '../store/shared/contract.js';

/** What a command declares about itself: used for routing, `help`, and the platforms' command lists. */
export interface CommandSpec {
  name: string;
  aliases: readonly string[];
  summary: string;
  usage: string;
  examples: readonly string[];
  /**
   * Natural phrasings that route here ("what did KNOMAD commit to?"). Matched case-insensitively
   * against the whole message; a named group `args` becomes the command's arguments.
   */
  patterns?: readonly RegExp[];
  /**
   * A phrasing no pattern can say, tried after the patterns and the first word: the arguments
   * when the command takes the whole (normalised) message, else undefined. `due` takes a bare
   * period ("June", "Q3 2014") this way, read by the date parser.
   */
  matches?(text: string): string | undefined;
  /** Its arguments hold times or dates: a misspelt time word ("tomorow") gets "did you mean". */
  times?: boolean;
  /**
   * A `#name` in its arguments is a place (where a reminder or digest goes, whose reminders to
   * list): a platform that resolves channel names must say now when one names no channel.
   */
  places?: boolean;
  /**
   * Its answers are lists, best first: the bot shows the first PAGE_SIZE items and keeps the rest
   * for `more`. A reply marked `whole` (a fixed-size overview) is shown entire.
   */
  paged?: boolean;
  /**
   * Replies that may be reused until the data changes: `data` (the same for everyone: lookups),
   * `day` (also depends on today's date: due, overdue). Commands without it are never cached,
   * and running one invalidates the cache (they may write).
   */
  cache?: 'data' | 'day';
}

export interface CommandInput {
  /** The text after the command word (or the `args` group of a natural pattern). */
  args: string;
  message: IncomingMessage;
}

export interface Deps {
  commitments: CommitmentRepository;
  reference: ReferenceRepository;
  search: SearchIndex;
  directory(): ActorDirectory;
  clock: Clock;
  /** The zone "today" is computed in when the user has none. */
  zone: string;
  /** Every registered command's spec (for help and suggestions). */
  specs(): readonly CommandSpec[];
  /**
   * Reminders, digests and ladders and their deliveries (async: SQLite, or PostgreSQL shared by
   * every instance when FOLLOWUP_DATABASE_URL is set).
   */
  schedules: SchedulerStore;
  audit: AuditRepository;
  prefs: PrefsRepository;
  /** Imported candidates awaiting review, and the writer that turns them into commitments. */
  candidates: CandidateRepository;
  imports: ImportRepository;
  /** Items captured from chat: their messages, and the per-channel chat meetings. */
  messages: MessageRepository;
  /** Whether the sender is an admin of the bot (FOLLOWUP_ADMINS): may manage anyone's reminders. */
  isAdmin(message: IncomingMessage): boolean;
  /** The rest of each conversation's last list answer, for `more`. */
  pages: Pages;
  /** Channel and people names by platform id (cached); the adapters register their platform's source. */
  names: NameDirectory;
  /**
   * Every change to the follow-up data goes through here, one operation per unit of work
   * (src/store/shared/ops.ts): SQLite alone, or PostgreSQL's shared log with every instance
   * applying it. The repositories above are for reading.
   */
  writes: SharedWrites;
}

export interface Command {
  spec: CommandSpec;
  handle(input: CommandInput, deps: Deps): Promise<Reply>;
}

/** The most items a list answer collects (what `more` can page through); the rest are counted. */
export const LIST_LIMIT = 20;

/** Items a lookup shows at once; `more` shows the next ones. */
export const PAGE_SIZE = 3;
