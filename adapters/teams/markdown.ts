/**
 * Text as Teams' card Markdown renders it. Teams cards render only a subset of Markdown (bold,
 * italic, lists, links: its "Format cards" page): no code spans, no headings, no tables, no
 * strikethrough. So:
 * - only what that subset interprets is escaped (`\ * _ [ ]`); `#`, `~`, `|` and backticks stay
 *   as they are (they render literally, and Teams' mobile clients show escape backslashes);
 * - a line that starts like a list item ("2. Reduce…", "- x", "+ y") gets a no-break space after
 *   its marker, so it stays text instead of becoming an indented, clipped list (no backslash);
 * - angle brackets (HTML, `<at>` mentions) become look-alikes, so placeholders such as `<id>`
 *   stay visible as ‹id›;
 * - a single line break is a space in a TextBlock, so line breaks become paragraph breaks.
 */
export function md(text: string): string {
  return text
    .replace(/[\\*_[\]]/g, (c) => `\\${c}`)
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/^([ \t]*(?:\d{1,9}[.)]|[-+]))[ \t]/gm, '$1\u00a0');
}

/** Lines kept as lines: TextBlocks need a blank line for a break (a single `\n` renders as a space). */
export function lines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .join('\n\n');
}

/**
 * Our replies' own text: commands are marked with backticks, which Teams shows literally, so a
 * command becomes bold (its placeholders visible as ‹id›); everything else is escaped as data,
 * and line breaks are kept.
 */
export function prose(text: string): string {
  return lines(
    text
      .split(/(`[^`\n]{1,200}`)/)
      .map((part, i) => (i % 2 === 1 ? `**${md(part.slice(1, -1)).trim()}**` : md(part)))
      .join(''),
  );
}
