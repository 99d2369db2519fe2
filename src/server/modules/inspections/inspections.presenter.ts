import type { Inspection, Plan } from '../../../contract/schemas/inspections';
import type { Actor } from '../../authz/actor';
import { toBool } from '../../db/portable';
import { planAbilities } from './inspections.policy';
import type { InspectionRow, PlanRow, TestingBodyRow } from './inspections.repository';

export function presentTestingBody(row: TestingBodyRow) {
  return {
    id: row.id,
    name: row.name,
    accreditationNo: row.accreditation_no,
    scope: row.scope,
    active: toBool(row.active),
    version: row.version,
  };
}

/** What the audit log keeps of a plan: its API shape without abilities. */
export function auditedPlan(row: PlanRow): Omit<Plan, 'abilities'> {
  return {
    id: row.id,
    year: row.year,
    level: row.level as Plan['level'],
    title: row.title,
    departmentCode: row.department_code,
    regionCode: row.region_code,
    categories: JSON.parse(row.categories),
    version: row.version,
    createdAt: row.created_at,
  };
}

export function presentPlan(actor: Actor, row: PlanRow): Plan {
  return { ...auditedPlan(row), abilities: planAbilities(actor, row) };
}

export function presentInspection(row: InspectionRow, allowedActions: string[]): Inspection {
  return {
    id: row.id,
    planId: row.plan_id,
    categoryCode: row.category_code,
    checkType: row.check_type as Inspection['checkType'],
    regionCode: row.region_code,
    sampledEnterpriseId: row.sampled_enterprise_id,
    sampledUnitName: row.sampled_unit_name,
    producerEnterpriseId: row.producer_enterprise_id,
    producerName: row.producer_name,
    producerRegionCode: row.producer_region_code,
    productName: row.product_name,
    productId: row.product_id,
    brand: row.brand,
    model: row.model,
    standardNo: row.standard_no,
    batch: row.batch,
    place: row.place as Inspection['place'],
    sampledOn: row.sampled_on,
    dateBasis: row.date_basis as Inspection['dateBasis'],
    documentNo: row.document_no,
    samplers: JSON.parse(row.samplers),
    testQuantity: row.test_quantity,
    reserveQuantity: row.reserve_quantity,
    state: row.state as Inspection['state'],
    verdict: row.verdict,
    finalVerdict: row.final_verdict,
    testingBodyId: row.testing_body_id,
    testingBodyName: row.testing_body_name,
    reportNo: row.report_no,
    reportOn: row.report_on,
    receivedOn: row.received_on,
    objectionUntil: row.objection_until,
    objectionFiledOn: row.objection_filed_on,
    recheckBodyId: row.recheck_body_id,
    recheckPayer: row.recheck_payer,
    rectificationOrderedOn: row.rectification_ordered_on,
    rectificationDue: row.rectification_due,
    firstReviewDue: row.first_review_due,
    announcedOn: row.announced_on,
    secondReviewFrom: row.second_review_from,
    secondReviewUntil: row.second_review_until,
    closedOn: row.closed_on,
    publishedOn: row.published_on,
    importId: row.import_id,
    remarks: row.remarks,
    parties: JSON.parse(row.parties),
    listed: toBool(row.listed),
    allowedActions,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
