import type { Kysely } from 'kysely';
import type { Actor } from '../../../authz/actor';
import type { Database } from '../../../db/database';
import { AppError } from '../../../errors';
import { recordAudit } from '../../audit/audit.service';
import type { RowError } from './report';

/** A data row of a file: its cells, the values read from them, and what is wrong with it. */
export interface ParsedRow {
  line: number;
  cells: string[];
  values: Record<string, unknown>;
  errors: RowError[];
}

/** Counts of what an import does (or would do) to the archive. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export type Reject = (row: ParsedRow) => void;

/**
 * Counts a stored record as unchanged or updated; when writing, applies the changes through the
 * record's own versioned update (which keeps the search index right) and audits them.
 */
export async function applyUpdate<Row>(
  trx: Kysely<Database>,
  actor: Actor,
  target: {
    update: () => Promise<Row | undefined>;
    audited: (row: Row) => unknown;
    before: Row;
    action: string;
    subject: { type: string; id: string };
  },
  changes: Record<string, unknown>,
  writing: boolean,
  counts: WriteCounts,
): Promise<void> {
  if (Object.keys(changes).length === 0) {
    counts.unchanged++;
    return;
  }
  counts.updated++;
  if (!writing) return;
  const after = await target.update();
  // Read in this transaction a moment ago: a different version now means a concurrent edit.
  if (!after) throw new AppError('stale_version');
  await recordAudit(trx, actor, target.action, target.subject, target.audited(target.before), {
    ...(target.audited(after) as object),
    via: 'import',
  });
}
