/**
 * How the archive compares the text of a natural key (a product's name, brand and model; a
 * former name): NFC, trimmed, runs of white space as one space, and case-folded, so that
 * "ABC-1" and "abc-1 " name one model. Chinese has no case and passes unchanged. Frozen in
 * migration 2026120740_natural_keys, which keys the rows stored before it: change both or neither.
 */
export function keyText(value: unknown): string {
  return String(value ?? '')
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, ' ')
    .toLowerCase();
}

/** The natural key of several fields, each compared as keyText does; the unit separator cannot occur in typed text. */
export function naturalKey(values: readonly unknown[]): string {
  return values.map(keyText).join('\u001f');
}
