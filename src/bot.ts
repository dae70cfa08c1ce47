import { DateTime } from 'luxon';
import { createRegistry } from './commands/index.js';
import { scopedTo, splitMeetingScope, type MeetingRef } from './commands/meeting-scope.js';
import { withPageLinks } from './commands/present.js';
import type { CommandRegistry } from './commands/registry.js';
import type { Deps } from './commands/types.js';
import type { Clock } from './core/clock.js';
import { NameDirectory } from './core/directory.js';
import { localDate } from './core/dates.js';
import { isUserError, UserError } from './core/errors.js';
import { describeError } from './core/system-errors.js';
import type { Logger } from './core/log.js';
import type { IncomingMessage } from './core/message.js';
import type { Reply } from './core/reply.js';
import { Pages, type SharedPages } from './commands/pages.js';
import { ActorDirectory } from './search/actors.js';
import { SearchIndex } from './search/search.js';
import { AuditRepository } from './store/audit-repo.js';
import { CandidateRepository } from './store/candidates-repo.js';
import { ImportRepository } from './store/import-repo.js';
import { CommitmentRepository, ReferenceRepository } from './store/commitments-repo.js';
import { MessageRepository } from './store/messages-repo.js';
import { PrefsRepository } from './store/prefs-repo.js';
import type { SchedulerStore } from './store/contract.js';
import { SqliteSchedulerStore } from './store/sqlite-scheduler-store.js';
import type { Db } from './store/db.js';
import type { SharedWrites } from './store/shared/contract.js';
import { SqliteWrites } from './store/shared/sqlite-writes.js';
import { caughtUp } from './store/shared/fresh.js';

/** Longest message we read; longer ones get a friendly refusal. */
export const MAX_MESSAGE_LENGTH = 2_000;

/** How long a message waits for PostgreSQL's shared log before it is answered from this instance's copy. */
const CATCH_UP_MS = 2_000;

/**
 * The platform-neutral bot: a message in, a reply out. Errors are handled here: a UserError
 * becomes a specific answer with a hint; a fault of the machine an operator can fix (a full disk,
 * a read-only database) says what to fix; anything else a short apology and a log line with context.
 */
export class Bot {
  readonly deps: Deps;
  /** Replies of cacheable commands (see CommandSpec.cache), dropped whenever the data may have changed. */
  private readonly cache = new Map<string, Reply>();
  private cacheVersion = '';
  private localWrites = 0;
  private readonly dataVersion: () => number;

  private readonly dbFile: string;
  private readonly publicUrl: string | undefined;

  constructor(
    db: Db,
    opts: {
      clock: Clock;
      zone: string;
      log: Logger;
      /** `platform:user id` of the bot's admins. */
      admins?: readonly string[];
      /** The dashboard's public address (FOLLOWUP_PUBLIC_URL): items link to their pages there. */
      publicUrl?: string;
      /** Reminders and digests: PostgreSQL when FOLLOWUP_DATABASE_URL is set; this database's otherwise. */
      schedules?: SchedulerStore;
      /** Changes to the follow-up data: this database's (SQLite alone), or PostgreSQL's shared log. */
      writes?: SharedWrites;
      /** Where `more` finds what any instance answered (PostgreSQL); this process's memory otherwise. */
      sharedPages?: SharedPages;
    },
    readonly registry: CommandRegistry = createRegistry(),
    private readonly log: Logger = opts.log,
  ) {
    // Another process's commit shows within a quarter second (reading data_version on every
    // message costs more than the cached answer it protects).
    const dataVersion = db.prepare('PRAGMA data_version').pluck();
    let checked = { at: -Infinity, version: 0 };
    this.dataVersion = () => {
      const now = performance.now();
      if (now - checked.at > 250) checked = { at: now, version: dataVersion.get() as number };
      return checked.version;
    };
    this.dbFile = db.name;
    this.publicUrl = opts.publicUrl;
    const admins = new Set(opts.admins ?? []);
    const writes = opts.writes ?? new SqliteWrites(db);
    // What another instance wrote, applied here: what was cached may be stale.
    writes.onApplied(() => this.localWrites++);
    const commitments = new CommitmentRepository(db);
    const reference = new ReferenceRepository(db);
    this.deps = {
      commitments,
      reference,
      search: new SearchIndex(db),
      directory: () => new ActorDirectory(commitments.actors(), reference.abbreviations()),
      clock: opts.clock,
      zone: opts.zone,
      specs: () => registry.specs(),
      schedules: opts.schedules ?? new SqliteSchedulerStore(db),
      audit: new AuditRepository(db),
      prefs: new PrefsRepository(db),
      candidates: new CandidateRepository(db),
      imports: new ImportRepository(db),
      messages: new MessageRepository(db),
      isAdmin: (message) => admins.has(`${message.platform}:${message.user.id}`),
      pages: new Pages(() => opts.clock.now().getTime(), undefined, undefined, opts.sharedPages),
      writes,
      names: new NameDirectory(() => Date.now(), (err, ref) => this.log.warn({ err, ref }, 'could not look up a name')),
    };
  }

  /** Today's date in the bot's zone, recomputed only when the clock leaves the day it was computed for. */
  private day = { date: '', from: 0, until: -1 };
  private today(): string {
    const now = this.deps.clock.now().getTime();
    if (now < this.day.from || now >= this.day.until) {
      const start = DateTime.fromMillis(now, { zone: this.deps.zone }).startOf('day');
      this.day = { date: localDate(new Date(now), this.deps.zone), from: start.toMillis(), until: start.plus({ days: 1 }).toMillis() };
    }
    return this.day.date;
  }

  private readonly scoped = new Map<string, Deps>();
  private scopedDeps(meetingId: string): Deps {
    let d = this.scoped.get(meetingId);
    if (!d) {
      d = scopedTo(this.deps, meetingId);
      this.scoped.set(meetingId, d);
    }
    return d;
  }

  /** A trailing "in <meeting>" that names a stored meeting, and the text without it. */
  private meetingScope(text: string): { text: string; meeting: MeetingRef } | undefined {
    return splitMeetingScope(text, this.deps);
  }

  /** The answer to one message, channels and people in it by name. */
  async handle(message: IncomingMessage): Promise<Reply> {
    const { names } = this.deps;
    const where = { platform: message.platform, team: message.team ?? '' };
    // Names the payload carried cost no lookup later.
    if (message.channel.name) names.learn({ ...where, kind: 'channel', id: message.channel.id }, message.channel.name);
    for (const m of message.mentions ?? []) names.learn({ ...where, kind: 'user', id: m.id }, m.name);
    return names.named(await this.answer(message), where);
  }

  private async answer(message: IncomingMessage): Promise<Reply> {
    try {
      // What other instances changed (PostgreSQL's shared log) is applied first.
      await caughtUp(this.deps.writes, CATCH_UP_MS, this.log);
      if (message.text.length > MAX_MESSAGE_LENGTH) {
        throw new UserError('too-long', `That message is ${message.text.length.toLocaleString('en')} characters; I read at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')}.`, 'Ask a shorter question, e.g. `find recruitment costs`.');
      }
      // "… in 12th meeting" narrows lists to one meeting (when the words name a stored meeting).
      // Lookups only: a command that stores something (a reminder, a digest) keeps the words, so
      // the narrowing is part of what it stores and applies each time it runs.
      let scope = this.meetingScope(message.text);
      let routed = this.registry.route(scope ? scope.text : message.text);
      if (scope && !routed.command.spec.cache) {
        scope = undefined;
        routed = this.registry.route(message.text);
      }
      const { command, args } = routed;
      const deps = scope ? this.scopedDeps(scope.meeting.id) : this.deps;
      const named = (reply: Reply): Reply =>
        withPageLinks(scope && reply.tone !== 'error' ? { ...reply, title: `${reply.title} · ${scope.meeting.shortName}` } : reply, this.publicUrl, (id) => this.deps.commitments.get(id) !== undefined);
      // A list answer shows its first page; `more` shows the rest (kept per conversation).
      const paged = async (reply: Reply): Promise<Reply> => (command.spec.paged ? this.deps.pages.firstShared(message, reply) : reply);
      const mode = command.spec.cache;
      if (!mode) {
        this.localWrites++; // it may write: what was cached may be stale
        return await paged(named(await command.handle({ args, message }, deps)));
      }
      // data_version moves when another connection commits (another process, the CLI).
      const version = `${this.dataVersion()}:${this.localWrites}`;
      if (version !== this.cacheVersion) {
        this.cache.clear();
        this.cacheVersion = version;
      }
      const day = mode === 'day' ? this.today() : '';
      const key = `${command.spec.name}\u0000${args.toLowerCase()}\u0000${day}\u0000${scope?.meeting.id ?? ''}`;
      const hit = this.cache.get(key);
      if (hit) return await paged(hit);
      const reply = named(await command.handle({ args, message }, deps));
      if (this.cache.size >= 2_000) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, reply);
      return await paged(reply);
    } catch (err) {
      if (isUserError(err)) {
        const reply: Reply = { title: err.message, tone: 'error' };
        if (err.hint) reply.text = err.hint;
        return reply;
      }
      const context = { platform: message.platform, user: message.user.id, channel: message.channel.id, text: message.text.slice(0, 200) };
      const fault = describeError(err, { dbFile: this.dbFile });
      if (fault) {
        // A fault of the machine (a full disk, a read-only database): say what to fix, not sorry.
        this.log.error({ err, code: fault.code, ...context }, fault.message);
        return { title: fault.message, tone: 'error', fault: fault.code };
      }
      this.log.error({ err, ...context }, 'command failed');
      return { title: 'Sorry — something went wrong on my side.', text: 'It has been logged. Please try again in a moment, or ask another way.', tone: 'error' };
    }
  }
}
