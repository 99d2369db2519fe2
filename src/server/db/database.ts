import type { Kysely } from 'kysely';
import type { AuditEventTable, AuditHeadTable } from '../modules/audit/audit.table';
import type {
  AssociationTable,
  CertificationTable,
  EnterpriseSearchTable,
  EnterpriseTable,
  FormerNameTable,
  LicenceTable,
  ProposalTable,
  ProductStandardTable,
  ProductTable,
  QualityStaffTable,
  YearlyFiguresTable,
} from '../modules/enterprises/enterprises.table';
import type {
  DepartmentTable,
  BrandProgrammeTable,
  IndustryTable,
  ProductCategoryTable,
  RegionTable,
} from '../modules/reference/reference.table';
import type {
  CultivationDocumentTable,
  CultivationEventTable,
  CultivationTable,
  HonourTable,
  RewardRuleTable,
  RewardTable,
} from '../modules/brands/honours.table';
import type { CreditListEntryTable } from '../modules/credit/credit.table';
import type { FlagshipDesignationTable, HonourReviewTable, KeyProjectTable } from '../modules/brands/registers.table';
import type {
  InspectionDocumentTable,
  InspectionDrawTable,
  InspectionEventTable,
  InspectionItemTable,
  InspectionPlanTable,
  InspectionResponseTable,
  InspectionResultImportTable,
  InspectionTable,
  InspectionVerdictCountTable,
  ResultImportMappingTable,
  TestingBodyTable,
} from '../modules/inspections/inspections.table';
import type {
  AssessmentCountyTargetTable,
  AssessmentItemTable,
  AssessmentSchemeTable,
  AssessmentScoreTable,
  CountyAssessmentTable,
} from '../modules/assessments/assessments.table';
import type {
  EnterpriseMoveTable,
  IndicatorPartSumTable,
  IndicatorSumRunTable,
  IndicatorSumTable,
  PlanIndicatorTable,
  ReportedValueEventTable,
  ReportedValueTable,
  TargetPlanTable,
} from '../modules/targets/targets.table';
import type { DocumentNumberCounterTable, DocumentNumberTable } from '../modules/numbers/numbers.table';
import type { LoginThrottleTable, SessionTable, UserTable } from '../modules/users/users.table';

/** Every table the app queries, for Kysely's types. */
export interface Database {
  regions: RegionTable;
  industries: IndustryTable;
  brand_programmes: BrandProgrammeTable;
  honours: HonourTable;
  cultivations: CultivationTable;
  cultivation_events: CultivationEventTable;
  cultivation_documents: CultivationDocumentTable;
  reward_rules: RewardRuleTable;
  rewards: RewardTable;
  credit_list_entries: CreditListEntryTable;
  honour_reviews: HonourReviewTable;
  key_projects: KeyProjectTable;
  flagship_designations: FlagshipDesignationTable;
  departments: DepartmentTable;
  product_categories: ProductCategoryTable;
  users: UserTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
  enterprises: EnterpriseTable;
  enterprise_search: EnterpriseSearchTable;
  certifications: CertificationTable;
  licences: LicenceTable;
  enterprise_former_names: FormerNameTable;
  enterprise_associations: AssociationTable;
  enterprise_yearly_figures: YearlyFiguresTable;
  products: ProductTable;
  product_standards: ProductStandardTable;
  quality_staff: QualityStaffTable;
  enterprise_proposals: ProposalTable;
  testing_bodies: TestingBodyTable;
  inspection_plans: InspectionPlanTable;
  inspections: InspectionTable;
  inspection_items: InspectionItemTable;
  inspection_events: InspectionEventTable;
  inspection_draws: InspectionDrawTable;
  inspection_verdict_counts: InspectionVerdictCountTable;
  inspection_responses: InspectionResponseTable;
  inspection_result_imports: InspectionResultImportTable;
  result_import_mappings: ResultImportMappingTable;
  inspection_documents: InspectionDocumentTable;
  document_numbers: DocumentNumberTable;
  document_number_counters: DocumentNumberCounterTable;
  target_plans: TargetPlanTable;
  plan_indicators: PlanIndicatorTable;
  reported_values: ReportedValueTable;
  reported_value_events: ReportedValueEventTable;
  indicator_sums: IndicatorSumTable;
  indicator_part_sums: IndicatorPartSumTable;
  indicator_sum_runs: IndicatorSumRunTable;
  enterprise_moves: EnterpriseMoveTable;
  assessment_schemes: AssessmentSchemeTable;
  assessment_items: AssessmentItemTable;
  county_assessments: CountyAssessmentTable;
  assessment_scores: AssessmentScoreTable;
  assessment_county_targets: AssessmentCountyTargetTable;
}

/** A connection or a transaction: services pass it through to repositories without importing Kysely. */
export type Db = Kysely<Database>;
