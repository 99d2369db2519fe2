/**
 * Text prepared for substring search over names and codes. Both databases index the same
 * overlapping two-character grams, so a 2-character Chinese query is an index lookup too
 * (trigram indexes need 3). Candidates are then confirmed against the normalised text.
 */

/** Lower case, letters and digits only: "郴州·永兴（银）Co." → "郴州永兴银co". */
export function normalizeForSearch(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The overlapping 2-character grams of a normalised text, in order. */
export function gramsOf(norm: string): string[] {
  const out: string[] = [];
  // Names are almost always in the Basic Multilingual Plane: one UTF-16 unit per character.
  if (!SURROGATE.test(norm)) {
    for (let i = 0; i + 1 < norm.length; i++) out.push(norm.slice(i, i + 2));
    return out;
  }
  const chars = [...norm];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
const SURROGATE = /[\uD800-\uDFFF]/;

export interface SearchDocument {
  /** The normalised fields joined by '|', which no normalised field contains. */
  norm: string;
  /** Each field's grams in order, fields apart; for the SQLite full-text table. */
  gramText: string;
  /** Distinct grams, for the PostgreSQL array index. */
  grams: string[];
}

export function searchDocument(fields: string[]): SearchDocument {
  const norms = fields.map(normalizeForSearch).filter((f) => f.length > 0);
  const all: string[] = [];
  for (const norm of norms) for (const gram of gramsOf(norm)) all.push(gram);
  return { norm: norms.join('|'), gramText: all.join(' '), grams: [...new Set(all)] };
}
