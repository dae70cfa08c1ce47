import { describe, expect, it } from 'vitest';
import { judge, loadQuestions } from './score.js';

describe('the evaluation set', () => {
  it('is well formed: at least 100 questions, at least 15 about what the report does not contain, ids that exist', async () => {
    const questions = loadQuestions();
    expect(questions.length).toBeGreaterThanOrEqual(100);
    expect(questions.filter((q) => q.nothing).length).toBeGreaterThanOrEqual(15);
    const { testBot } = await import('../helpers.js');
    const t = testBot();
    const known = new Set(t.bot.deps.commitments.allIds());
    const unknown = questions.flatMap((q) => q.ids ?? []).filter((id) => !known.has(id));
    expect(unknown).toEqual([]);
  });

  it('the judge can fail: a wrong top item, items for a "nothing" question, and a title that does not match all count as misses', () => {
    const [asked] = loadQuestions().filter((q) => q.ids);
    expect(judge(asked!, { title: 'x', items: [{ id: 'not-the-one', title: 'x', fields: [] }] }).top1).toBe(false);
    expect(judge({ q: 'x', class: 'notfound', nothing: true, evidence: [] }, { title: 'x', tone: 'empty', items: [{ id: 'a', title: 'a', fields: [] }] }).top1).toBe(false);
    expect(judge({ q: 'x', class: 'who', title: 'Wilmoth', evidence: [] }, { title: 'Pritchett', tone: 'info' }).top1).toBe(false);
  });
});
