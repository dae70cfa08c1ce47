import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../adapters/slack/blocks.js';
import { homeView } from '../../adapters/slack/home.js';
import { reminderModal } from '../../adapters/slack/reminder-modal.js';
import { noticeModal, trackModal } from '../../adapters/slack/track-modal.js';
import { testBot } from '../helpers.js';
import { blockKitProblems, messageProblems, viewProblems } from './block-rules.js';

const button = (over: Record<string, unknown> = {}) => ({ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, value: 'v', ...over });

describe('the Block Kit rules the mock Web API applies', () => {
  it('catch what Slack refuses', () => {
    expect(blockKitProblems(Array.from({ length: 51 }, () => ({ type: 'divider' })), 'message')).toEqual(['blocks: 51 blocks, a message holds 50']);
    expect(blockKitProblems([{ type: 'paragraph' }], 'message')[0]).toMatch(/unknown block type paragraph/);
    expect(blockKitProblems([{ type: 'actions', elements: [button({ style: 'green' })] }], 'message')[0]).toMatch(/button style green/);
    expect(blockKitProblems([{ type: 'actions', elements: [button(), button()] }], 'message')[0]).toMatch(/duplicate action_id a/);
    const overflow = { type: 'overflow', action_id: 'o', options: Array.from({ length: 6 }, (_, i) => ({ text: { type: 'plain_text', text: `${i}` }, value: `${i}` })) };
    expect(blockKitProblems([{ type: 'actions', elements: [overflow] }], 'message')[0]).toMatch(/1-5 options/);
    expect(blockKitProblems([{ type: 'input', label: { type: 'plain_text', text: 'x' }, element: { type: 'plain_text_input', action_id: 'v' } }], 'message')[0]).toMatch(/modals and Home/);
    expect(blockKitProblems([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }, { type: 'divider', block_id: 'd' }, { type: 'divider', block_id: 'd' }], 'home')).toHaveLength(2);
    expect(messageProblems({ blocks: [] })).toEqual(['text: a message with blocks needs fallback text']);
    expect(viewProblems({ type: 'modal', title: { type: 'plain_text', text: 'A title that is far too long' }, blocks: [] })[0]).toMatch(/view.title/);
    expect(viewProblems({ type: 'modal', title: { type: 'plain_text', text: 'T' }, private_metadata: 'x'.repeat(3_001), blocks: [{ type: 'input', label: { type: 'plain_text', text: 'x' }, element: { type: 'datepicker', action_id: 'd' } }] })).toHaveLength(2);
  });

  it('pass what the bot builds: answers, App Home, and the forms', async () => {
    const t = testBot();
    for (const q of ['agenda 7', 'find recruitment costs', 'help', 'summary', 'proposed', 'xyzzy plugh']) {
      const { text, blocks } = toBlocks(await t.ask(q));
      expect(messageProblems({ text, blocks }), q).toEqual([]);
    }
    expect(viewProblems({ type: 'home', blocks: await homeView((q) => t.ask(q)) })).toEqual([]);
    const meetings = Array.from({ length: 120 }, (_, i) => ({ id: `m${i}`, name: `Meeting ${i} ${'x'.repeat(80)}` }));
    expect(viewProblems(trackModal({ summary: 'y'.repeat(400), meetings, chatMeeting: 'Chat in #migration', due: { date: '2015-03-31', precision: 'month', phrase: 'March 2015' } }, '{}'))).toEqual([]);
    expect(viewProblems(reminderModal())).toEqual([]);
    expect(viewProblems(noticeModal('Nothing to track', 'z'.repeat(5_000)))).toEqual([]);
  });
});
