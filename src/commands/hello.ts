import type { Reply } from '../core/reply.js';
import type { Command, Deps } from './types.js';

/** Three questions that show the kinds of answer (an organisation, a date window, who did what). */
export const FIRST_QUESTIONS: readonly string[] = ['what did KNOMAD commit to?', 'is anything due before 2015?', 'who presented the ICPD indicators?'];

const GREETING =
  /^(?<args>(?:hi|hello|hey|hiya|howdy|greetings|yo|good (?:morning|afternoon|evening|day)|morning|(?:ok(?:ay)?|great|many|thanks|thank you|cheers)?[ ,]*(?:thanks?|thank you|thx|ty|cheers)(?: (?:so|very) much| a lot)?)(?: (?:there|all|everyone|again|followup|bot))*)$/i;

function meetingLine(deps: Deps): string {
  const meetings = deps.reference.meetings();
  if (meetings.length === 1) return `the commitments of the ${meetings[0]!.name}`;
  return `the commitments of ${meetings.length} meetings`;
}

/** A greeting or thanks: who the bot is in two lines, and three questions to try. */
export const hello: Command = {
  spec: {
    name: 'hello',
    aliases: ['hi', 'hey', 'thanks', 'thank', 'thx', 'cheers'],
    summary: 'Who I am, with three questions to try.',
    usage: 'hello',
    examples: ['hello', 'thanks!'],
    patterns: [GREETING],
  },
  async handle({ message }, deps): Promise<Reply> {
    const thanks = /\b(?:thanks?|thx|ty|cheers)\b/i.test(message.text);
    return {
      title: `${thanks ? 'You’re welcome.' : 'Hello.'} I’m followup: I keep ${meetingLine(deps)} at hand, quoting the report.`,
      text: 'Ask in plain words, for example (or say `help`):',
      actions: FIRST_QUESTIONS.map((q, i) => ({ id: `example-${i + 1}`, label: q, command: q })),
      tone: 'info',
    };
  },
};
