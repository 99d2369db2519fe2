import { AppError } from '../../errors';

/**
 * Users holding a spreadsheet parse. Reading a large upload takes seconds of CPU and up to a few
 * hundred MB; one at a time per user keeps a single account (or a script using it) from
 * occupying every core. A second upload while one is read is refused at once (429 parse_busy),
 * not queued: queued uploads would hold their temp files and memory anyway. Per process: with
 * several instances behind a balancer, each counts its own.
 */
const busy = new Set<string>();

/** Runs `run` holding the user's slot (the system actor, with no id, has one slot too). */
export async function oneParseAtATime<T>(userId: string | null, run: () => Promise<T>): Promise<T> {
  const key = userId ?? 'system';
  if (busy.has(key)) throw new AppError('parse_busy');
  busy.add(key);
  try {
    return await run();
  } finally {
    busy.delete(key);
  }
}
