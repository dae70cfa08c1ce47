/**
 * The words around a question that do not change what it asks: a platform mention of the bot,
 * contractions, politeness and filler ("hey, can you tell me what's due in June please?").
 * The router reads what is left.
 */

/** A raw mention as platforms send it: Slack `<@U0123>` / `<@U0123|name>`, Teams `<at>Name</at>`, or `@followup`. */
const LEADING_MENTION = /^(?:<@[UW][A-Z0-9]+(?:\|[^>]*)?>|<at>[^<]*<\/at>|@?followup\b)[\s:,]*/i;

/**
 * Mentions out of the raw platform markup: the ones that open the message address the bot and
 * go; a Slack mention further on becomes `@U0123` (what the reminder commands read, as the Slack
 * adapter also writes it), a Teams `<at>Name</at>` its name.
 */
export function stripMentions(text: string): string {
  let t = text.trim();
  for (let m = LEADING_MENTION.exec(t); m && m[0].length > 0; m = LEADING_MENTION.exec(t)) t = t.slice(m[0].length).trimStart();
  return t
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<at>([^<]*)<\/at>/gi, '$1')
    .trim();
}

/** Question words with a contraction, typed with or without the apostrophe ("what's", "whats", "who’s"). */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\b(what|who|when|where|how|why|which|that|it|there|here)['’]s\b/gi, '$1 is'],
  [/\b(what|who|when|where|how)s\b/gi, '$1 is'],
  [/\b(what|who|when|where|how|why|which|there|they|we|you)['’]re\b/gi, '$1 are'],
  [/\b(what|who|when|where|how|which)['’](?:ve)\b/gi, '$1 have'],
  [/\b(what|who|where|when|how|which|that|it|they|we|you|i)['’]ll\b/gi, '$1 will'],
  [/\b(what|who|where|when|how|which|it)['’]d\b/gi, '$1 did'],
  [/\bi['’]m\b/gi, 'i am'],
  [/\b(is|are|was|were|has|have|had|do|does|did|can|could|should|would|must)n['’]?t\b/gi, '$1 not'],
  [/\bwon['’]t\b/gi, 'will not'],
];

export function expandContractions(text: string): string {
  return CONTRACTIONS.reduce((t, [re, to]) => t.replace(re, to), text);
}

/** Openings that only soften or announce a question. */
const LEADING_FILLER = new RegExp(
  '^(?:' +
    [
      'hey(?: there)?', 'hi(?: there)?', 'hello(?: there)?', 'ok(?:ay)?', 'so', 'um+', 'uh+', 'well', 'yo', 'quick question', 'question',
      'please', 'pls', 'plz', 'kindly', 'bot', '(?:ok(?:ay)? |great,? |cool,? )?(?:thanks|thank you|thx|cheers)',
      '(?:can|could|would|will) you(?: please)?(?: (?:tell|show|give|find|list)(?: me)?)?',
      '(?:please )?(?:tell|show|give|find|list|get) (?:me|us)(?= \\S)',
      '(?:list|show|give|get)(?= (?:the|all|my|our|any) \\S)',
      'i (?:want|would like|wanted|need|d like)(?: to)? (?:know|see|find out|check)',
      'i am (?:looking for|wondering|curious)', 'i was wondering', 'do you know', 'any idea',
      'let me know', 'just', '(?:what|how) about', 'about', 'info(?:rmation)? (?:on|about)', '(?:any )?news (?:on|about)',
    ].join('|') +
    ')(?:[\\s,:!.]+|$)',
  'i',
);

/** Endings that only soften ("…, please", "… thanks", "… atm"). */
const TRAILING_FILLER = /(?:[\s,]+(?:please|pls|plz|thanks|thank you|thx|cheers|atm|at the moment|right now|for me|if you can|if possible|then|again))+$/i;

/** Politeness and filler off both ends; a message that is only filler ("hey", "thanks") stays as typed. */
export function stripFillers(text: string): string {
  let t = text;
  for (let i = 0; i < 4; i++) {
    const m = LEADING_FILLER.exec(t);
    if (!m || m[0].length === 0 || m[0].length >= t.length) break;
    t = t.slice(m[0].length);
  }
  const end = t.replace(TRAILING_FILLER, '');
  return (end || t).trim();
}

/**
 * Control and invisible characters become spaces; runs of white space become one. Direction
 * controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) are removed: stored,
 * they would show the text reversed to everyone who reads it ("Trojan Source" spoofing).
 */
export function stripControl(text: string): string {
  return text
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const TRAILING_PUNCTUATION = /[\s?!.,;:]+$/;

/**
 * Cleans what the user typed: control characters, platform mentions (a leading one addresses
 * the bot and goes), contractions ("what's" → "what is"), politeness and filler, trailing
 * punctuation. What is left is what the router reads.
 */
export function normaliseText(text: string): string {
  const t = expandContractions(stripMentions(stripControl(text))).replace(TRAILING_PUNCTUATION, '');
  return stripFillers(t).replace(TRAILING_PUNCTUATION, '').trim();
}

