import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { recordAudit } from '../audit/audit.service';
import { auditedEnterprise } from '../enterprises/enterprises.presenter';
import { findEnterprise, updateEnterpriseVersioned } from '../enterprises/enterprises.repository';
import { auditedRecord } from '../enterprises/records.presenter';
import { updateRecordVersioned, type RecordRow } from '../enterprises/records.repository';
import { insertInspectionEvent, lastEventDetails, type InspectionRow } from './inspections.repository';

/**
 * What the end of a case does to the archive (产品质量法 arts. 17 and 56; SAMR Order No. 18
 * art. 48): 责令停业整顿 marks the enterprise suspended; 吊销 marks it revoked and revokes its
 * production licences in force; a review passed after 停业整顿 lifts the suspension this case
 * made. The enterprise is the sampled unit — the producer or seller the orders address (Order
 * No. 18 arts. 45–48 speak of 被抽样生产者、销售者; art. 56 of whoever refused). Runs in the
 * case's transaction; each change is audited and the case's timeline gets one event naming it.
 */
export type ArchiveAction = 'archive_suspend' | 'archive_revoke' | 'archive_resume';

export async function reflectInArchive(
  trx: Kysely<Database>,
  actor: Actor,
  before: InspectionRow,
  after: InspectionRow,
  on: string,
): Promise<void> {
  const action: ArchiveAction | null =
    after.state === 'licence_revoked'
      ? 'archive_revoke'
      : after.state === 'suspended' && before.state !== 'suspended'
        ? 'archive_suspend'
        : before.state === 'suspended' && after.state === 'closed'
          ? 'archive_resume'
          : null;
  if (!action) return;
  const enterprise = after.sampled_enterprise_id ? await findEnterprise(trx, after.sampled_enterprise_id, {}) : undefined;
  const details: Record<string, unknown> = {
    enterpriseId: enterprise?.id ?? null,
    enterpriseName: enterprise?.name ?? after.sampled_unit_name,
  };
  if (enterprise) {
    const status =
      action === 'archive_revoke'
        ? revokedStatus(enterprise.status)
        : action === 'archive_suspend'
          ? suspendedStatus(enterprise.status)
          : await resumedStatus(trx, after.id, enterprise.status);
    if (status !== enterprise.status) {
      const updated = await updateEnterpriseVersioned(trx, enterprise.id, enterprise.version, { status });
      if (!updated) throw new AppError('stale_version');
      const verb = { archive_suspend: 'suspend', archive_revoke: 'revoke', archive_resume: 'resume' }[action];
      await recordAudit(trx, actor, `enterprise.${verb}`, { type: 'enterprise', id: enterprise.id }, auditedEnterprise(actor, enterprise), {
        ...auditedEnterprise(actor, updated),
        inspectionId: after.id,
      });
      details.status = { from: enterprise.status, to: status };
    }
    if (action === 'archive_revoke') details.licencesRevoked = await revokeLicences(trx, actor, enterprise.id, on, after.id);
  }
  await insertInspectionEvent(trx, { inspectionId: after.id, action, on, stateAfter: after.state, details, actorId: actor.id });
}

/** 吊销: whatever it was, unless the enterprise has already gone (注销) or been revoked. */
const revokedStatus = (status: string) => (status === 'deregistered' ? status : 'revoked');
/** 停业整顿 stops an operating enterprise; one already stopped, revoked or gone stays as it is. */
const suspendedStatus = (status: string) => (status === 'operating' ? 'suspended' : status);

/** Back to operating only when this case's suspension stopped it and nothing has changed it since. */
async function resumedStatus(trx: Kysely<Database>, inspectionId: string, status: string): Promise<string> {
  if (status !== 'suspended') return status;
  const suspension = await lastEventDetails(trx, inspectionId, 'archive_suspend');
  const change = suspension ? (JSON.parse(suspension) as { status?: { from: string; to: string } }).status : undefined;
  return change?.from === 'operating' ? 'operating' : status;
}

/** The enterprise's production licences in force on the day, revoked; their numbers. */
async function revokeLicences(
  trx: Kysely<Database>,
  actor: Actor,
  enterpriseId: string,
  on: string,
  inspectionId: string,
): Promise<string[]> {
  const inForce = (await trx
    .selectFrom('licences')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '=', 'valid')
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', on)]))
    .orderBy('licence_no')
    .execute()) as unknown as RecordRow[];
  for (const licence of inForce) {
    const revoked = await updateRecordVersioned(trx, 'licences', licence.id, licence.version, { status: 'revoked' });
    if (!revoked) throw new AppError('stale_version');
    await recordAudit(
      trx,
      actor,
      'licence.revoke',
      { type: 'licences', id: licence.id },
      auditedRecord('licences', licence, enterpriseId),
      {
        ...auditedRecord('licences', revoked, enterpriseId),
        inspectionId,
      },
    );
  }
  return inForce.map((l) => l.licence_no as string);
}
