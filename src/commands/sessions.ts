import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { defaultDataDir } from '../catalog/load.js';
import type { Reply } from '../core/reply.js';
import { isVerbForm, lemmas } from '../search/lemmas.js';
import { isFiller, tokenize } from '../search/tokens.js';
import type { ActorRef } from '../store/commitments-repo.js';
import { itemOf, listReply, todayOf } from './present.js';
import type { Deps } from './types.js';

const Talk = z
  .object({
    name: z.string().optional(),
    evidence: z.string().optional(),
    speakers: z.array(z.string()).min(1),
    items: z.array(z.string()).min(1),
  })
  .strict();

const Session = z
  .object({
    id: z.string(),
    name: z.string(),
    names: z.array(z.string()).min(1),
    evidence: z.string(),
    chair: z.string().optional(),
    note: z.string().optional(),
    items: z.array(z.string()).default([]),
    talks: z.array(Talk).min(1),
  })
  .strict();

const SessionsFile = z.object({ meetings: z.array(z.object({ meeting: z.string(), sessions: z.array(Session) }).strict()) }).strict();

export type Session = z.infer<typeof Session>;
export type Talk = z.infer<typeof Talk>;

/** The sessions of each meeting, from data/sessions.yaml (see there), by meeting id. */
export function loadSessions(file = path.join(defaultDataDir(), 'sessions.yaml')): Map<string, Session[]> {
  const parsed = SessionsFile.parse(parse(readFileSync(file, 'utf8')));
  return new Map(parsed.meetings.map((m) => [m.meeting, m.sessions]));
}

let shipped: Map<string, Session[]> | undefined;

/** The sessions of the meeting the lookups are narrowed to, or of every meeting. */
function sessionsOf(deps: Pick<Deps, 'commitments'>): Session[] {
  shipped ??= loadSessions();
  const meeting = deps.commitments.meetingId;
  return meeting === undefined ? [...shipped.values()].flat() : (shipped.get(meeting) ?? []);
}

/** Words that name a part of a meeting's programme: a question holding one may ask about a session. */
const SESSION_NOUNS = new Set(['session', 'panel', 'presentation', 'talk', 'segment', 'speech', 'address']);
/** Words that ask what happened there, not which session: "what was discussed in …", "who spoke at …". */
const ASKING = new Set(['discuss', 'cover', 'speak', 'present', 'say', 'happen', 'about', 'chair', 'moderate', 'give', 'hear', 'topic', 'subject', 'main', 'theme', 'point', 'held', 'hold', 'run', 'lead', 'who', 'whom', 'next', 'then', 'part', 'during', 'meeting', 'list', 'all', 'speaker', 'presenter', 'panellist', 'panelist']);
const ORDINALS: Record<string, number> = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, last: -1, final: -1, opening: 0 };
/** The report gives no time of day or day for its sessions: such a question is answered so. */
const TIMES = new Set(['morning', 'afternoon', 'evening', 'lunch', 'lunchtime', 'day', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'am', 'pm']);

const lemmaSet = (texts: readonly string[]): Set<string> => new Set(texts.flatMap((t) => lemmas(t)));

/** What a question about a session names: the session (or none, for "which session…"), a talk, a time of day. */
export interface SessionQuestion {
  session?: Session;
  talk?: Talk;
  /** The talk's place, for a title ("second"). */
  ordinal?: string;
  /** A time of day or a day the report does not give ("the afternoon session"). */
  time?: string;
  /** "who chaired/moderated …": the chair is asked for. */
  chair: boolean;
}

/**
 * The session a question asks about ("what was in the data and indicators session", "the second
 * talk in the economic session", "what was the keynote session about"): a word for a part of the
 * programme, and every other informative word a word of one session's names. A word of anything
 * else ("the GA special session on ICPD", "the upcoming plenary session") is not about a session
 * of this meeting; several sessions equally named are no answer.
 */
export function sessionAsked(text: string, deps: Pick<Deps, 'commitments'>): SessionQuestion | undefined {
  const sessions = sessionsOf(deps);
  if (sessions.length === 0) return undefined;
  const words = tokenize(text);
  const nouns = words.filter((w) => SESSION_NOUNS.has(lemmas(w)[0] ?? w));
  if (nouns.length === 0) return undefined;
  const ordinalWord = words.find((w) => w in ORDINALS);
  const time = words.find((w) => TIMES.has(w));
  const chair = words.some((w) => /^(?:chair|moderat)/.test(w));
  const vocabularies = new Map(sessions.map((s) => [s, lemmaSet([...s.names, ...s.talks.flatMap((t) => (t.name ? [t.name] : []))])]));
  const known = new Set([...vocabularies.values()].flatMap((v) => [...v]));
  // A verb says what was done there ("spoke", "discussed"), unless a session is named by it ("closing").
  const rest = words.filter((w) => {
    const l = lemmas(w)[0] ?? w;
    return !isFiller(w, l) && !SESSION_NOUNS.has(l) && !ASKING.has(l) && !ASKING.has(w) && !(w in ORDINALS) && !TIMES.has(w) && (known.has(l) || !isVerbForm(w));
  });
  const restLemmas = rest.map((w) => lemmas(w)[0] ?? w);
  const nounLemmas = nouns.map((w) => lemmas(w)[0] ?? w);
  // A session is named when its names hold every remaining word, or (none left) the noun typed ("the panel").
  const scored = sessions
    .map((s) => {
      const vocabulary = vocabularies.get(s)!;
      const all = restLemmas.every((l) => vocabulary.has(l));
      const n = restLemmas.length ? restLemmas.filter((l) => vocabulary.has(l)).length : nounLemmas.filter((l) => vocabulary.has(l)).length;
      return { s, n: all ? n : 0 };
    })
    .filter((x) => x.n > 0);
  const best = Math.max(0, ...scored.map((x) => x.n));
  const top = scored.filter((x) => x.n === best);
  if (top.length !== 1) {
    // "who spoke in the afternoon session": a time the report does not give; "which sessions were there".
    if (time || (restLemmas.length === 0 && nounLemmas.every((l) => l === 'session'))) return { time, chair };
    return undefined;
  }
  const session = top[0]!.s;
  let talk: Talk | undefined;
  if (ordinalWord !== undefined && session.talks.length > 1) {
    const at = ORDINALS[ordinalWord]!;
    talk = at < 0 ? session.talks.at(-1) : session.talks[at];
  } else {
    // A talk named by its own words ("the keynote address").
    const named = session.talks.filter((t) => t.name && restLemmas.some((l) => lemmaSet([t.name!]).has(l)));
    if (named.length === 1) talk = named[0];
  }
  return { session, talk, ordinal: talk && ordinalWord, time, chair };
}

function people(ids: readonly string[], deps: Deps): ActorRef[] {
  const dir = deps.directory();
  return ids.map((id) => dir.get(id)).filter((a): a is ActorRef => Boolean(a));
}

const nameOf = (a: ActorRef): string => (a.kind !== 'person' && a.acronym && !a.acronym.includes(' ') ? a.acronym : a.name);

/** The sessions in the report's order, one line each: who spoke. */
function overview(sessions: Session[], deps: Deps): string {
  return sessions.map((s) => `${s.name}: ${s.talks.flatMap((t) => people(t.speakers, deps).map(nameOf)).join(', ')}`).join('; ');
}

/**
 * A session's answer: who spoke (in the report's order, with their talk's name), then its items
 * in the report's order — or one talk's. `who`: the people lead the title ("Who: …").
 */
export function sessionReply(q: SessionQuestion, deps: Deps, who = false): Reply {
  const sessions = sessionsOf(deps);
  if (!q.session) {
    const lead = q.time ? `The report does not say which session was in the ${q.time}: it gives no times or days for its sessions.` : 'The report records these sessions.';
    return { title: q.time ? `The report does not say which session was in the ${q.time}` : 'Sessions of the meeting', text: `${lead} In the report's order — ${overview(sessions, deps)}.`, tone: q.time ? 'empty' : 'info' };
  }
  const s = q.session;
  const talks = q.talk ? [q.talk] : s.talks;
  const speakers = talks.map((t) => `${people(t.speakers, deps).map(nameOf).join(', ')}${t.name ? ` (${t.name})` : ''}`);
  const chair = s.chair ? people([s.chair], deps)[0] : undefined;
  const ids = [...(q.talk ? [] : s.items), ...talks.flatMap((t) => t.items)];
  const today = todayOf(deps);
  const items = deps.commitments.getMany(ids).map((c) => itemOf(c, undefined, today));
  const order = new Map(ids.map((id, i) => [id, i]));
  items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const place = q.talk ? `${s.name}: the ${q.ordinal ? `${q.ordinal} talk` : (q.talk.name ?? 'talk')}` : s.name;
  const whoTitle = q.chair ? (chair ? `Who: ${chair.name} — ${chair.role ?? 'chaired it'}` : `The report does not say who chaired the ${s.name.replace(/^Session/, 'session').split(' (')[0]}`) : `Who: ${talks.flatMap((t) => people(t.speakers, deps).map(nameOf)).join(', ')}`;
  const text = [
    `${q.talk ? 'Speaker' : 'Speakers, in the report’s order'}: ${speakers.join('; ')}.`,
    chair && !q.talk ? `Moderated by ${chair.name}.` : undefined,
    s.note,
    q.time ? `The report gives no times or days for its sessions, so not whether it was in the ${q.time}.` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return listReply(who ? whoTitle : place, items, 'Narrow it with a topic, e.g. `find recruitment costs`.', text);
}
