import { z } from 'zod';

/**
 * What an item is. `view`: something a speaker said or argued (an opinion, an assessment);
 * `finding`: something a study, a report or a speaker found to be so (a fact, a figure).
 */
export const KINDS = ['commitment', 'action', 'proposal', 'priority', 'activity', 'milestone', 'view', 'finding'] as const;
/** The kinds that describe something to do, so they can be marked done (a view or a proposal cannot). */
export const DOABLE_KINDS: ReadonlySet<string> = new Set(['commitment', 'action', 'activity', 'milestone']);
export const STATUSES = ['open', 'in-progress', 'blocked', 'done', 'dropped'] as const;
export const PRECISIONS = ['day', 'month', 'year', 'approximate'] as const;
/**
 * What an item's date is. `deadline`: something is to be done by then (the only kind of date that
 * can be overdue); `hope`: a hoped-for date ("it was hoped … by July 2014"), which passes but is not
 * broken; `event`: when something takes or took place ("in October 2013, ECE had organized a
 * workshop"); `end`: when a period runs out (a five-year plan).
 */
export const NATURES = ['deadline', 'hope', 'event', 'end'] as const;

/** How a status reads to people. */
export const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  open: 'Open',
  'in-progress': 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  dropped: 'Dropped',
};

export type Kind = (typeof KINDS)[number];
export type Status = (typeof STATUSES)[number];
export type Precision = (typeof PRECISIONS)[number];
export type Nature = (typeof NATURES)[number];

export function canBeDone(kind: string): boolean {
  return DOABLE_KINDS.has(kind);
}

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "knomad-recruitment-costs"');

/** YAML turns 2014-09-30 into a Date; accept both and keep an ISO date string. */
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: 'is not a real calendar date',
    }),
);

export const dueSchema = z
  .object({
    date: isoDate,
    precision: z.enum(PRECISIONS),
    basis: z.enum(['stated', 'inferred']),
    nature: z.enum(NATURES).default('deadline'),
    reasoning: z.string().min(10).optional(),
  })
  .strict()
  .refine((d) => d.basis === 'stated' || (d.reasoning ?? '').length > 0, {
    message: 'an inferred date needs its reasoning',
    path: ['reasoning'],
  });

export const recurrenceSchema = z
  .object({
    every: z.number().int().positive(),
    unit: z.enum(['day', 'week', 'month', 'year']),
    description: z.string().min(3),
  })
  .strict();

export const commitmentSchema = z
  .object({
    id: slug,
    kind: z.enum(KINDS),
    actors: z.array(slug).min(1),
    summary: z.string().min(10).max(400),
    quote: z.string().min(10).max(300),
    source: z.object({ section: z.string().min(1), paragraph: z.number().int().positive() }).strict(),
    tracks: z.array(slug).min(1),
    agenda: z.array(z.number().int().min(1).max(8)).default([]),
    due: dueSchema.optional(),
    recurrence: recurrenceSchema.optional(),
    status: z.enum(STATUSES).default('open'),
  })
  .strict()
  .refine((c) => canBeDone(c.kind) || c.status === 'open', {
    message: 'only commitments, action items, activities and milestones have a follow-up status: a view, finding, proposal or priority stays "open"',
    path: ['status'],
  });

export const meetingSchema = z
  .object({
    id: slug,
    name: z.string().min(3),
    short_name: z.string().min(2),
    held_from: isoDate,
    held_to: isoDate,
    place: z.string().min(2),
    source: z.string().min(3),
    citation: z.string().min(10),
    section_notes: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const commitmentsFileSchema = z
  .object({ meeting: meetingSchema, commitments: z.array(commitmentSchema).min(1) })
  .strict();

export const actorSchema = z
  .object({
    id: slug,
    kind: z.enum(['organisation', 'person', 'country', 'body']),
    name: z.string().min(2),
    acronym: z.string().min(2).optional(),
    surname: z.string().min(2).optional(),
    role: z.string().min(2).optional(),
    organisation: slug.optional(),
    aliases: z.array(z.string().min(2)).default([]),
  })
  .strict();

export const actorsFileSchema = z.object({ actors: z.array(actorSchema).min(1) }).strict();

export const referenceFileSchema = z
  .object({
    tracks: z
      .array(
        z
          .object({ id: slug, name: z.string().min(3), description: z.string().min(3), aliases: z.array(z.string()).default([]) })
          .strict(),
      )
      .min(1),
    agenda: z.array(z.object({ number: z.number().int().min(1).max(8), title: z.string().min(3) }).strict()).length(8),
    gfmd_priorities: z
      .array(z.object({ number: z.number().int().positive(), title: z.string().min(3), commitment: slug }).strict())
      .min(1),
    abbreviations: z
      .array(
        z
          .object({ acronym: z.string().min(2), expansion: z.string().min(3), source: z.enum(['report', 'added']) })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type CommitmentData = z.infer<typeof commitmentSchema>;
export type MeetingData = z.infer<typeof meetingSchema>;
export type ActorData = z.infer<typeof actorSchema>;
export type ReferenceData = z.infer<typeof referenceFileSchema>;
export type TrackData = ReferenceData['tracks'][number];
export type AbbreviationData = ReferenceData['abbreviations'][number];
