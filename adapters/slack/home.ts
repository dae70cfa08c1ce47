import type { webApi } from '@slack/bolt';
import type { Reply } from '../../src/core/reply.js';
import { toBlocks, type Block } from './blocks.js';
import type { Asker } from './context.js';

type WebClient = InstanceType<typeof webApi.WebClient>;

export const HOME_NEW_REMINDER = 'followup:modal:reminder';
export const HOME_NEW_ITEM = 'followup:modal:track';

/**
 * App Home: my reminders, items I own, what is due soon, what is overdue, and imported
 * candidates waiting for review when there are any (100 blocks at most).
 */
export async function homeView(ask: (text: string) => Promise<Reply>): Promise<Block[]> {
  const always = await Promise.all(['reminders', 'mine', 'due', 'overdue'].map((q) => ask(q)));
  const review = await ask('proposed');
  const sections = review.tone === 'empty' ? always : [...always, review];
  // Two forms first: a reminder (an item found by typing) and an item of one's own.
  const blocks: Block[] = [
    {
      type: 'actions',
      block_id: 'home:forms',
      elements: [
        { type: 'button', action_id: HOME_NEW_REMINDER, style: 'primary', text: { type: 'plain_text', text: 'New reminder', emoji: true } },
        { type: 'button', action_id: HOME_NEW_ITEM, text: { type: 'plain_text', text: 'Track a commitment', emoji: true } },
      ],
    },
  ];
  for (const reply of sections) {
    const { blocks: b } = toBlocks({ ...reply, items: (reply.items ?? []).slice(0, 5), ...(reply.items && reply.items.length > 5 ? { more: { count: reply.items.length - 5 + (reply.more?.count ?? 0), hint: reply.more?.hint ?? '' } } : {}) });
    if (blocks.length + b.length + 1 > 100) break;
    if (blocks.length > 1) blocks.push({ type: 'divider' });
    blocks.push(...b);
  }
  return blocks;
}

/** Publishes (or re-publishes, after a click changed something) the person's App Home. */
export async function publishHome(client: WebClient, ask: Asker, team: string, user: string): Promise<void> {
  const blocks = await homeView((text) => ask(text, { team, user, channel: user }));
  await client.views.publish({ user_id: user, view: { type: 'home', blocks } as never });
}
