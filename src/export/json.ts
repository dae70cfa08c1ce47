import { z } from 'zod';
import { DUE_PRECISIONS_AND_KINDS } from './shape.js';
import type { ExportSet } from './records.js';

export const EXPORT_FORMAT = 'followup-export';
export const EXPORT_VERSION = 1;

export function toJson(set: ExportSet): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, meetings: set.meetings, commitments: set.commitments }, null, 2)}\n`;
}

const meeting = z.object({ id: z.string().min(1), name: z.string().min(1), shortName: z.string().min(1), heldFrom: z.string(), heldTo: z.string(), place: z.string(), citation: z.string() }).strict();
const actor = z.object({ id: z.string().min(1), kind: z.string().min(1), name: z.string().min(1), acronym: z.string().optional(), surname: z.string().optional() }).strict();
const history = z
  .object({ at: z.string().min(1), platform: z.string().min(1), team: z.string().optional(), user: z.string(), userName: z.string().optional(), action: z.string().min(1), old: z.string().nullable().optional(), new: z.string().nullable().optional(), note: z.string().nullable().optional() })
  .strict();
/** The chat message a captured item came from (exports written before capture have none). */
const message = z
  .object({
    platform: z.enum(['slack', 'teams', 'console']),
    team: z.string(),
    channelId: z.string().min(1),
    channelName: z.string().min(1).optional(),
    messageId: z.string().min(1).optional(),
    permalink: z.string().min(1).optional(),
    authorId: z.string().min(1),
    authorName: z.string().min(1).optional(),
    postedAt: z.iso.datetime({ offset: true }),
    capturedBy: z.string().min(1),
    capturedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export const commitmentRecordSchema = z
  .object({
    meetingId: z.string().min(1),
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug'),
    kind: z.enum(DUE_PRECISIONS_AND_KINDS.kinds),
    actors: z.array(actor),
    summary: z.string().min(1),
    quote: z.string().min(1),
    section: z.object({ id: z.string().min(1), title: z.string().min(1) }).strict(),
    paragraph: z.number().int().positive(),
    due: z
      .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'), precision: z.enum(DUE_PRECISIONS_AND_KINDS.precisions), basis: z.enum(['stated', 'inferred']), nature: z.enum(DUE_PRECISIONS_AND_KINDS.natures).optional(), reasoning: z.string().optional() })
      .strict()
      .optional(),
    recurrence: z.object({ every: z.number().int().positive(), unit: z.string(), description: z.string() }).strict().optional(),
    tracks: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) }).strict()),
    agenda: z.array(z.number().int()),
    status: z.enum(DUE_PRECISIONS_AND_KINDS.statuses),
    owner: z.string().optional(),
    message: message.optional(),
    history: z.array(history),
  })
  .strict();
/** The envelope; each record is checked on its own so an error can name it. */
export const exportFileSchema = z.object({ format: z.literal(EXPORT_FORMAT), version: z.literal(EXPORT_VERSION), meetings: z.array(meeting), commitments: z.array(z.unknown()) }).strict();
