import { lemma } from './lemmas.js';

/**
 * Other spellings of the same word, British and American ("organised" ↔ "organized", "labor" ↔
 * "labour", "programme" ↔ "program", "travelled" ↔ "traveled"). The report writes UN English
 * (Oxford spelling: -ize, -our); people type either. Only a spelling the index holds is used,
 * so a rule that makes a non-word costs nothing.
 */
/** Chat shorthand for a word, read as the word ("intl org" → international organization). */
const SHORTHAND: Record<string, string> = {
  org: 'organization',
  orgs: 'organizations',
  govt: 'government',
  govts: 'governments',
  gov: 'government',
  intl: 'international',
  natl: 'national',
  dept: 'department',
  depts: 'departments',
  mgmt: 'management',
  reqs: 'requirements',
  yr: 'year',
  yrs: 'years',
  mtg: 'meeting',
  pop: 'population',
  approx: 'approximately',
  abt: 'about',
  wrt: 'regarding',
};

export function spellings(word: string): string[] {
  const out = new Set<string>();
  if (SHORTHAND[word]) return [SHORTHAND[word]];
  const swap = (re: RegExp, to: string): void => {
    if (re.test(word)) out.add(word.replace(re, to));
  };
  swap(/is(e|es|ed|ing|er|ers|ation|ations|able)$/, 'iz$1');
  swap(/iz(e|es|ed|ing|er|ers|ation|ations|able)$/, 'is$1');
  swap(/ys(e|es|ed|ing)$/, 'yz$1');
  swap(/yz(e|es|ed|ing)$/, 'ys$1');
  swap(/our(s|ed|ing|er|ers|able|ably|ite|ites)?$/, 'or$1');
  swap(/([^o])or(s|ed|ing|er|ers|able|ably|ite|ites)?$/, '$1our$2');
  swap(/tre(s)?$/, 'ter$1');
  swap(/ter(s)?$/, 'tre$1');
  swap(/ogue(s)?$/, 'og$1');
  swap(/ence(s)?$/, 'ense$1');
  swap(/ense(s)?$/, 'ence$1');
  swap(/amme(s)?$/, 'am$1');
  swap(/([^m])am(s)?$/, '$1amme$2');
  swap(/([aeiou])ll(ed|ing|er|ers)$/, '$1l$2');
  swap(/([aeiou])l(ed|ing|er|ers)$/, '$1ll$2');
  out.delete(word);
  return [...out];
}

/**
 * One spelling for both Englishes, for comparing names ("Centre for Migration Studies" and
 * "Center for …", "Labour"/"Labor", "Organisation"/"Organization"). Not a word to show: both
 * sides of a comparison go through it.
 */
export function oneSpelling(word: string): string {
  if (word.length < 5) return word;
  return word
    .replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1')
    .replace(/our(s|ed|ing|er|ers)?$/, 'or$1')
    .replace(/tre(s)?$/, 'ter$1')
    .replace(/ogue(s)?$/, 'og$1')
    .replace(/amme(s)?$/, 'am$1');
}

/**
 * Words of the same family, for a word the index does not hold ("disaggregated" → disaggregation,
 * "mainstream" → mainstreaming is an inflection already): the noun of a verb and the verb of a
 * noun, by the regular English suffixes. They are expansions (they weigh less than the word
 * typed), never a replacement, and only asked for when the word itself occurs nowhere — so
 * "income" never reaches "incoming", nor "closely" "closed".
 */
export function derivations(word: string): string[] {
  // Only a form that is itself derived or inflected has a family to reach: "disaggregated",
  // "integrating", "implementation"; a plain word ("affect", "centre") does not ("affection").
  if (!/(?:ed|ing|ion|ment|al|ity|ities|ness)$/.test(word)) return [];
  const l = lemma(word);
  // WordNet does not know every verb ("disaggregated"): its regular endings are taken off too.
  const bases = new Set([l]);
  for (const [re, to] of [
    [/ied$/, 'y'],
    [/ed$/, ''],
    [/ed$/, 'e'],
    [/ing$/, ''],
    [/ing$/, 'e'],
  ] as Array<[RegExp, string]>) {
    if (l === word && re.test(word)) bases.add(word.replace(re, to));
  }
  const out = new Set<string>();
  for (const b of bases) {
    const stem = b.replace(/e$/, '');
    if (/ate$/.test(b)) out.add(`${stem}ion`);
    for (const suffix of ['ion', 'ation', 'ment', 'ure']) {
      out.add(`${b}${suffix}`);
      out.add(`${stem}${suffix}`);
    }
    for (const [re, to] of [
      [/ation$/, 'ate'],
      [/ation$/, 'e'],
      [/ation$/, ''],
      [/ion$/, 'e'],
      [/ion$/, ''],
      [/ment$/, ''],
      [/al$/, ''],
      [/ity$/, ''],
      [/ities$/, ''],
      [/ness$/, ''],
    ] as Array<[RegExp, string]>) {
      if (re.test(b)) out.add(b.replace(re, to));
    }
  }
  for (const b of bases) out.delete(b);
  out.delete(word);
  return [...out].filter((w) => w.length >= 4);
}
