import { AppError } from '../errors';

/** A page cursor: base64url JSON of the last row's sort values, opaque to clients. */
export const encodeCursor = (parts: string[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

/** The parts of a cursor, `length` of them (a range when two are given); 400 bad_cursor otherwise. */
export function decodeCursor(after: string, length: number, maxLength = length): string[] {
  try {
    const value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length >= length && value.length <= maxLength && value.every((v) => typeof v === 'string'))
      return value;
  } catch {
    // fall through
  }
  throw new AppError('bad_cursor');
}
