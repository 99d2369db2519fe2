import type { Static } from 'typebox';
import type { ResponseCase } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import { responseAbilities } from './inspections.policy';
import type { InspectionRow } from './inspections.repository';
import type { ResponseRow } from './responses.repository';

export function presentResponse(row: ResponseRow) {
  return {
    id: row.id,
    text: row.text,
    status: row.status as 'submitted',
    decisionComment: row.decision_comment,
    decidedAt: row.decided_at,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** A published case with the enterprise's response to it, and what the actor may do. */
export function presentResponseCase(actor: Actor, c: InspectionRow, response: ResponseRow | undefined): Static<typeof ResponseCase> {
  return {
    inspectionId: c.id,
    regionCode: c.region_code,
    productName: c.product_name,
    model: c.model,
    batch: c.batch,
    sampledUnit: c.sampled_unit_name,
    producer: c.producer_name,
    result: c.final_verdict as 'unqualified',
    publishedOn: c.published_on!,
    response: response ? presentResponse(response) : null,
    abilities: responseAbilities(actor, c, response),
  };
}
