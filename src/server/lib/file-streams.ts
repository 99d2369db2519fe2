import type fs from 'node:fs';

/**
 * Gives up a file being written and resolves once it is closed. A write stream opens its file
 * asynchronously: a file removed while it is still opening comes back when the open completes, so
 * whoever removes a failed write's file waits for this first.
 */
export const abandoned = (out: fs.WriteStream) =>
  new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve()).destroy()));
