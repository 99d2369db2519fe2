/**
 * The fields a form filled in: unset (undefined) and empty ('') ones are left out, and with `nulls`
 * cleared ones (null) too, so the API applies its defaults. The type stays the form's: only optional
 * fields can be blank.
 */
export function filledValues<T extends object>(values: T, nulls = false): T {
  return Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined && x !== '' && !(nulls && x === null))) as T;
}
