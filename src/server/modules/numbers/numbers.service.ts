import type { Actor } from '../../authz/actor';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { recordAudit } from '../audit/audit.service';
import { insertNumber, nextInSeries, numbersOf } from './numbers.repository';

/** A number as formatted for the series: `郴市监质〔{year}〕{n}号` → 郴市监质〔2026〕3号. */
export const formatNumber = (format: string, year: number, n: number) =>
  format.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));

/**
 * Issues a record its document number (文号), in the caller's transaction: the next of the series
 * this year, never typed, never reissued. A record that already has one gets another only with a
 * reason (409 renumber_needs_reason), and keeps the first. The check runs after the counter row is
 * locked, so two requests for the same record cannot both count as its first.
 */
export async function issueDocumentNumber(
  trx: Db,
  actor: Actor,
  input: { series: string; format: string; subject: { type: string; id: string }; reason?: string },
) {
  const year = Number(today().slice(0, 4));
  const seq = await nextInSeries(trx, input.series, year);
  const reason = input.reason?.trim() ?? '';
  const earlier = await numbersOf(trx, input.subject.type, input.subject.id);
  if (earlier.length && !reason)
    throw new AppError('renumber_needs_reason', [{ path: 'body/reason', message: `已有文号 ${earlier.map((e) => e.number).join('、')}` }]);
  const row = await insertNumber(trx, {
    series: input.series,
    year,
    seq,
    number: formatNumber(input.format, year, seq),
    subject: input.subject,
    reason,
    actorId: actor.id,
  });
  await recordAudit(trx, actor, 'document_number.issue', { type: input.subject.type, id: input.subject.id }, null, {
    series: row.series,
    number: row.number,
    reason,
  });
  return row;
}

/** The numbers a record was issued, oldest first, as the API shows them. */
export async function presentNumbers(db: Db, subject: { type: string; id: string }) {
  return (await numbersOf(db, subject.type, subject.id)).map((n) => ({
    number: n.number,
    reason: n.reason,
    issuedAt: n.issued_at,
    issuedBy: n.issued_by ? { id: n.issued_by, displayName: n.issued_by_name ?? '' } : null,
  }));
}
