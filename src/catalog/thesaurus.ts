import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "remittance-costs"');
const term = z
  .string()
  .min(2)
  .max(120)
  .refine((t) => /[\p{L}\p{N}]/u.test(t), { message: 'must contain a letter or a digit' });

export const thesaurusConceptSchema = z
  .object({
    id: slug,
    /** The concept's name as the reports use it. */
    preferred: term,
    /** Words and phrases people use for it. */
    synonyms: z.array(term).min(1),
    broader: z.array(slug).default([]),
    related: z.array(slug).default([]),
  })
  .strict();

/** data/thesaurus.yaml: the domain thesaurus the search expands queries with. */
export const thesaurusFileSchema = z.object({ concepts: z.array(thesaurusConceptSchema).min(1) }).strict();

export type ThesaurusConcept = z.infer<typeof thesaurusConceptSchema>;

/** A term as matching sees it: lower case, words only ("Post-2015 agenda" = "post 2015 agenda"). */
function termKey(t: string): string {
  return (t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

export interface ThesaurusProblem {
  concept: string;
  field: string;
  problem: string;
}

/** What a schema cannot check: unique ids, each term in one concept only, links that resolve. */
export function thesaurusProblem(concepts: readonly ThesaurusConcept[]): ThesaurusProblem | undefined {
  const ids = new Set<string>();
  for (const c of concepts) {
    if (ids.has(c.id)) return { concept: c.id, field: 'id', problem: 'the id is used twice' };
    ids.add(c.id);
  }
  const owner = new Map<string, string>();
  for (const c of concepts) {
    for (const [field, t] of [['preferred', c.preferred] as const, ...c.synonyms.map((s, i) => [`synonyms.${i}`, s] as const)]) {
      const k = termKey(t);
      const other = owner.get(k);
      if (other !== undefined) return { concept: c.id, field, problem: `"${t}" is already a term of ${other === c.id ? 'this concept' : `concept ${other}`}` };
      owner.set(k, c.id);
    }
    for (const field of ['broader', 'related'] as const) {
      const i = c[field].findIndex((id) => !ids.has(id) || id === c.id);
      if (i >= 0) return { concept: c.id, field: `${field}.${i}`, problem: `"${c[field][i]}" is not another concept of the thesaurus` };
    }
  }
  return undefined;
}
