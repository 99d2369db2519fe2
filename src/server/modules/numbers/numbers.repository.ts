import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { uuidv7 } from '../../lib/ids';
import type { DocumentNumberTable } from './numbers.table';

/**
 * The next number of a series in a year. The counter row is created if missing, then updated:
 * the update locks it until the transaction ends, so concurrent issues wait their turn and no
 * number is given twice (PostgreSQL re-reads the row after the wait; SQLite has one writer).
 */
export async function nextInSeries(trx: Kysely<Database>, series: string, year: number): Promise<number> {
  await trx
    .insertInto('document_number_counters')
    .values({ series, year, last: 0 })
    .onConflict((oc) => oc.columns(['series', 'year']).doNothing())
    .execute();
  const row = await trx
    .updateTable('document_number_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('series', '=', series)
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

/** Records a number issued to a subject, now, by the actor; returns it as stored. */
export async function insertNumber(
  trx: Kysely<Database>,
  n: {
    series: string;
    year: number;
    seq: number;
    number: string;
    subject: { type: string; id: string };
    reason: string;
    actorId: string | null;
  },
) {
  const row = {
    id: uuidv7(),
    series: n.series,
    year: n.year,
    seq: n.seq,
    number: n.number,
    subject_type: n.subject.type,
    subject_id: n.subject.id,
    reason: n.reason,
    issued_by: n.actorId,
    issued_at: new Date().toISOString(),
  } satisfies Insertable<DocumentNumberTable>;
  await trx.insertInto('document_numbers').values(row).execute();
  return row;
}

/** The numbers a record was issued, oldest first, with who issued them. */
export async function numbersOf(db: Kysely<Database>, subjectType: string, subjectId: string) {
  return db
    .selectFrom('document_numbers as n')
    .leftJoin('users as u', 'u.id', 'n.issued_by')
    .select(['n.id', 'n.number', 'n.reason', 'n.issued_at', 'n.issued_by', 'u.display_name as issued_by_name'])
    .where('n.subject_type', '=', subjectType)
    .where('n.subject_id', '=', subjectId)
    .orderBy('n.issued_at')
    .orderBy('n.seq')
    .execute();
}
