import type { ReportedValue } from '../../../contract/schemas/targets';
import type { Actor } from '../../authz/actor';
import type { Db } from '../../db/database';
import { reportedValueEvents, type ReportedValueRecord } from './reported.repository';
import { reportedValueAbilities } from './targets.policy';

/** Figures as the API sends them, each with its history (read in one query) and what the actor may do with it. */
export async function presentReportedValues(db: Db, actor: Actor, records: ReportedValueRecord[]): Promise<ReportedValue[]> {
  const events = await reportedValueEvents(
    db,
    records.map((r) => r.id),
  );
  return records.map((r) => ({
    id: r.id,
    indicatorCode: r.indicatorCode,
    regionCode: r.regionCode,
    period: r.period,
    departmentCode: r.departmentCode,
    numerator: r.numerator,
    denominator: r.denominator,
    value: r.value,
    comment: r.comment,
    status: r.status,
    submittedAt: r.submittedAt,
    decidedAt: r.decidedAt,
    decisionComment: r.decisionComment,
    version: r.version,
    history: events
      .filter((e) => e.reportedValueId === r.id)
      .map((e) => ({
        action: e.action,
        numerator: e.numerator,
        denominator: e.denominator,
        value: e.value,
        comment: e.comment,
        actorName: e.actorName,
        at: e.at,
      })),
    abilities: reportedValueAbilities(actor, r),
  }));
}
