import type { Selectable } from 'kysely';
import type { AuditEvent } from '../../../contract/schemas/audit';
import type { AuditEventTable } from './audit.table';

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** An event, with its subject's name as resolved for the page (audit.repository subjectNames). */
export function presentAuditEvent(row: Selectable<AuditEventTable>, names: Map<string, string>): AuditEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectName: names.get(`${row.subject_type}:${row.subject_id}`) ?? null,
    before: parse(row.before),
    after: parse(row.after),
    ip: row.ip,
    hash: row.hash,
  };
}
