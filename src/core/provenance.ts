import { formatDate } from './dates.js';

/** An item captured from chat is cited by its message: "message by Ana in #migration, 3 Mar 2014". */
export function messageCitation(m: { author: string; channel: string; postedAt: string }): string {
  const channel = m.channel.startsWith('#') ? m.channel : `#${m.channel}`;
  return `message by ${m.author} in ${channel}, ${formatDate(m.postedAt.slice(0, 10))}`;
}

/** A stored message's parts as cited: the author's and channel's names when known, else their ids. */
export function citedMessage(m: { authorId: string; authorName?: string; channelId: string; channelName?: string; postedAt: string }): { author: string; channel: string; postedAt: string } {
  return { author: m.authorName ?? m.authorId, channel: m.channelName ?? m.channelId, postedAt: m.postedAt };
}

/**
 * A message's permalink when it is a web address a file may link to (http or https, no spaces or
 * line breaks); anything else an export carries as data, never as a link.
 */
export function linkable(url: string | undefined): string | undefined {
  if (!url || /[\s<>"]/.test(url)) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
