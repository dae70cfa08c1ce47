import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../app.js';
import type { Config } from '../config.js';
import { describeDue, localDate } from '../core/dates.js';
import { UserError } from '../core/errors.js';
import { clip } from '../core/text.js';
import type { Logger } from '../core/log.js';
import { toCsv } from '../export/csv.js';
import { toIcs } from '../export/ics.js';
import { toJson } from '../export/json.js';
import { toMarkdown } from '../export/markdown.js';
import { exportSet } from '../export/records.js';
import { kindOf } from '../import/read.js';
import { importRecords } from '../import/records-import.js';
import { importReport } from '../import/report-import.js';

export const EXPORT_FORMATS = ['csv', 'json', 'md', 'ics'] as const;

/** A mistake in how a data command was called: the caller prints it with the usage. */
export class DataUsageError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; default?: boolean }>;

function options(args: string[], spec: OptionSpec): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args, allowPositionals: true, options: spec }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  } catch (err) {
    throw new DataUsageError((err as Error).message);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** `followup import <file> [--meeting <name> --date <YYYY-MM-DD>] [--dry-run]` */
export async function runImport(args: string[], config: Config, log: Logger, out: (t: string) => void, err: (t: string) => void): Promise<void> {
  const { values, positionals } = options(args, { meeting: { type: 'string' }, date: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new DataUsageError(positionals.length ? `import takes one file (got ${positionals.length})` : 'import needs a file: followup import report.pdf --meeting "13th meeting" --date 2015-02-19');
  const file = positionals[0]!;
  const { kind } = kindOf(file);
  if (kind === 'records' && values['dry-run']) throw new DataUsageError('--dry-run goes with reports (.txt, .md, .pdf), not exports');
  const app = await openApp(config, log);
  try {
    const now = app.clock.now();
    if (kind === 'records') {
      const r = await importRecords(app.db, file, now, app.writes);
      out(`Imported ${path.basename(file)}: ${r.added} added, ${r.updated} updated (meetings: ${r.meetings.join(', ')}).\n`);
      return;
    }
    let shown = -1;
    const result = await importReport(
      app.db,
      file,
      {
        ...(values.meeting !== undefined ? { meeting: String(values.meeting) } : {}),
        ...(values.date !== undefined ? { date: String(values.date) } : {}),
        dryRun: Boolean(values['dry-run']),
        writes: app.writes,
        onProgress: (done, total) => {
          // Long documents show progress in tenths on standard error.
          if (total < 200) return;
          const tenth = Math.floor((done / total) * 10);
          if (tenth !== shown) {
            shown = tenth;
            err(`reading… ${tenth * 10}% (${done.toLocaleString('en')} of ${total.toLocaleString('en')} paragraphs)\n`);
          }
        },
      },
      now,
    );
    const x = result.extraction;
    const rows = [['id', 'kind', 'who', 'due', 'where', 'why'], ...x.candidates.map((c) => [
      c.id,
      c.kind,
      clip(c.actors.map((a) => `${a.acronym ?? a.name}${a.isNew ? '*' : ''}`).join(', ') + (c.actorsInferred ? ' (speaker)' : ''), 36) || '—',
      c.due ? describeDue(c.due) : '—',
      `${clip(c.section.title, 24)} ¶${c.paragraph}`,
      c.cue,
    ])];
    out(`${table(rows)}\n\n`);
    const newActors = new Set(x.candidates.flatMap((c) => c.actors.filter((a) => a.isNew).map((a) => a.id)));
    out(
      `${x.meeting.name} (${result.format.toUpperCase()}): ${x.paragraphs} paragraphs in ${x.sections.length} sections, ${x.abbreviations.length} abbreviations, ` +
        `${x.noiseBlocks} blocks of PDF glyph noise skipped; ${x.candidates.length} candidate${x.candidates.length === 1 ? '' : 's'}` +
        `${newActors.size ? ` (* ${newActors.size} new actor${newActors.size === 1 ? '' : 's'})` : ''}.\n`,
    );
    out(result.stored ? `Stored as proposed under meeting "${result.meetingId}". Review them in chat: \`proposed\`, \`accept <id>\`, \`reject <id>\`, \`edit <id> due 2015-09-30\`.\n` : 'Dry run: nothing was stored.\n');
  } finally {
    await app.close();
  }
}

/** `followup export csv|json|md|ics [--meeting] [--actor] [--track] [--out FILE]` */
export async function runExport(args: string[], config: Config, log: Logger, out: (t: string) => void): Promise<void> {
  const { values, positionals } = options(args, { meeting: { type: 'string' }, actor: { type: 'string' }, track: { type: 'string' }, out: { type: 'string' } });
  const format = positionals[0];
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format) || positionals.length > 1) {
    throw new DataUsageError(`export needs a format: ${EXPORT_FORMATS.join(', ')}${format ? ` (got "${positionals.join(' ').slice(0, 40)}")` : ''}`);
  }
  const app = await openApp(config, log);
  try {
    const set = exportSet(app.db, {
      ...(values.meeting ? { meeting: String(values.meeting) } : {}),
      ...(values.actor ? { actor: String(values.actor) } : {}),
      ...(values.track ? { track: String(values.track) } : {}),
    });
    const now = app.clock.now();
    const body =
      format === 'csv' ? toCsv(set)
      : format === 'json' ? toJson(set)
      : format === 'md' ? toMarkdown(set, localDate(now, config.zone))
      : toIcs(set, `followup: ${set.scope.join(' · ') || 'all commitments'}`, now);
    if (!values.out) {
      out(body);
      return;
    }
    // Written whole or not at all: a temporary file renamed into place.
    const target = path.resolve(String(values.out));
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, body);
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw new UserError('bad-input', `Cannot write ${String(values.out)}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (err as Error).message}.`, 'Choose a file in an existing folder you can write to, or leave out --out to print to standard output.');
    }
    out(`Wrote ${set.commitments.length} commitment${set.commitments.length === 1 ? '' : 's'} to ${String(values.out)}.\n`);
  } finally {
    await app.close();
  }
}
