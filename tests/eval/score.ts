import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { renderText } from '../../adapters/console/render.js';
import type { Reply } from '../../src/core/reply.js';
import { testBot } from '../helpers.js';

/**
 * The evaluation set: questions written from the report's text (not from the catalog), each
 * with what a right answer is. `ids`: the top item must be one of them; `nothing`: the report
 * does not contain it, and the answer must say so (no items); `title`: the answer is not an item
 * (a person's role, an overview) and its title must match.
 */
const Question = z
  .object({
    q: z.string().min(1),
    class: z.enum(['actor', 'who', 'when', 'topic', 'agenda', 'typo', 'command', 'notfound']),
    ids: z.array(z.string()).min(1).optional(),
    nothing: z.literal(true).optional(),
    title: z.string().optional(),
    /** The report's words the answer is about (verbatim snippets): where the expectation comes from. */
    evidence: z.array(z.string()).default([]),
    note: z.string().optional(),
  })
  .strict()
  .refine((x) => [x.ids, x.nothing, x.title].filter((v) => v !== undefined).length === 1, { message: 'give exactly one of ids, nothing or title' });

export type Question = z.infer<typeof Question>;

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function loadQuestions(file = path.join(HERE, 'questions.yaml')): Question[] {
  return z.array(Question).parse(parse(readFileSync(file, 'utf8')));
}

/** "Now" for the evaluation: a fortnight after the meeting, when the follow-up starts. */
export const EVAL_NOW = '2014-03-07T09:00:00Z';

export interface Outcome {
  question: Question;
  reply: Reply;
  top1: boolean;
  top3: boolean;
  lines: number;
  /** What the answer gave, for the list of misses. */
  got: string;
}

const saysNothing = (r: Reply): boolean => r.tone === 'empty' && !(r.items?.length);

/**
 * Judges one answer. A "who" question is answered by who leads the answer (its title, "Who: Ms.
 * Perucci — …"): it is right when the title names someone the right items credit (`namesOf`
 * gives their names), even when the items under it differ or there are none.
 */
export function judge(question: Question, reply: Reply, namesOf: (id: string) => string[] = () => []): Omit<Outcome, 'question' | 'reply' | 'lines'> {
  const ids = (reply.items ?? []).map((i) => i.id);
  const got = saysNothing(reply) ? `nothing: ${reply.title}` : ids.length ? `${ids.slice(0, 3).join(', ')} — ${reply.title}` : reply.title;
  if (question.class === 'who' && question.ids && /^Who: /.test(reply.title)) {
    const lead = reply.title.toLowerCase();
    if (question.ids.some((id) => namesOf(id).some((n) => n.length >= 3 && lead.includes(n.toLowerCase())))) return { top1: true, top3: true, got };
  }
  if (question.nothing) return { top1: saysNothing(reply), top3: saysNothing(reply), got };
  if (question.title) {
    const ok = new RegExp(question.title, 'i').test(reply.title) && reply.tone !== 'error';
    return { top1: ok, top3: ok, got };
  }
  const want = new Set(question.ids);
  return { top1: want.has(ids[0] ?? ''), top3: ids.slice(0, 3).some((id) => want.has(id)), got };
}

export interface Report {
  outcomes: Outcome[];
  top1: number;
  top3: number;
  notFound: number;
  medianLines: number;
}

/** Asks every question of a fresh bot on the shipped catalog and scores the answers. */
export async function evaluate(questions: Question[] = loadQuestions()): Promise<Report> {
  const t = testBot(EVAL_NOW);
  const namesOf = (id: string): string[] =>
    (t.bot.deps.commitments.get(id)?.actors ?? []).flatMap((a) => [a.name, a.surname, a.acronym].filter((n): n is string => Boolean(n)));
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    const reply = await t.ask(question.q, 'eval');
    const lines = renderText(reply, { color: false, width: 100 }).trimEnd().split('\n').length;
    outcomes.push({ question, reply, lines, ...judge(question, reply, namesOf) });
  }
  const answerable = outcomes.filter((o) => !o.question.nothing);
  const absent = outcomes.filter((o) => o.question.nothing);
  const share = (xs: Outcome[], k: 'top1' | 'top3'): number => (xs.length ? xs.filter((o) => o[k]).length / xs.length : 1);
  const sorted = outcomes.map((o) => o.lines).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    outcomes,
    top1: share(answerable, 'top1'),
    top3: share(answerable, 'top3'),
    notFound: share(absent, 'top1'),
    medianLines: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatReport(r: Report): string {
  const answerable = r.outcomes.filter((o) => !o.question.nothing).length;
  const absent = r.outcomes.length - answerable;
  const misses = r.outcomes.filter((o) => !o.top1);
  return [
    `questions: ${r.outcomes.length} (${answerable} answerable, ${absent} about what the report does not contain)`,
    `top-1 accuracy: ${pct(r.top1)}   top-3 accuracy: ${pct(r.top3)}   not-found accuracy: ${pct(r.notFound)}   median reply: ${r.medianLines} lines`,
    misses.length ? `\nmisses (${misses.length}):` : '\nno misses',
    ...misses.map((o) => `  [${o.question.class}] ${o.question.q}\n      want: ${o.question.nothing ? 'nothing' : o.question.title ? `title ~ /${o.question.title}/` : o.question.ids!.join(' | ')}\n      got:  ${o.got.slice(0, 160)}`),
  ].join('\n');
}
