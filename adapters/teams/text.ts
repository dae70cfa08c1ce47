/** The people an activity @mentions (not the bot), with their names. */
export function mentionsOf(a: TeamsText): Array<{ id: string; name: string }> {
  return (a.entities ?? [])
    .filter((e) => e.type === 'mention' && e.mentioned?.id && e.mentioned.id !== a.recipientId && e.mentioned.name)
    .map((e) => ({ id: e.mentioned!.id!, name: e.mentioned!.name! }));
}

/** The parts of an incoming activity that carry its words. */
export interface TeamsText {
  text?: string;
  entities?: Array<{ type?: string; text?: string; mentioned?: { id?: string; name?: string } }>;
  recipientId?: string;
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

/**
 * Teams' message text → the plain words the bot understands: the bot's own @mention removed,
 * other people's mentions as `@<their id>` (so `remind @Alice …` reaches Alice), leftover tags
 * dropped and HTML entities decoded.
 */
export function fromTeamsText(a: TeamsText): string {
  let text = a.text ?? '';
  for (const e of a.entities ?? []) {
    if (e.type !== 'mention' || !e.text) continue;
    const replacement = e.mentioned?.id && e.mentioned.id !== a.recipientId ? ` @${e.mentioned.id} ` : ' ';
    text = text.split(e.text).join(replacement);
  }
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ') // a mention without an entity: Teams always sends one, but be safe
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]{0,200}>/g, '')
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (m) => ENTITIES[m] ?? m)
    .replace(/[ \t]+/g, ' ')
    .trim();
}
