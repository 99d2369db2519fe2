import type { Migration } from 'kysely/migration';
import * as foundation from './2026112501_foundation';
import * as archive from './2026112502_archive';
import * as proposals from './2026112503_proposals';
import * as searchWithoutTriggers from './2026112504_search_without_triggers';
import * as inspections from './2026112505_inspections';
import * as inspectionDraws from './2026112506_inspection_draws';
import * as inspectionPublication from './2026112507_inspection_publication';
import * as inspectionListIndex from './2026112508_inspection_list_index';
import * as inspectionStatsIndex from './2026112509_inspection_stats_index';
import * as inspectionCounts from './2026112510_inspection_counts';
import * as inspectionResponses from './2026112511_inspection_responses';
import * as brands from './2026112512_brands';
import * as formerNameIndex from './2026112513_former_name_index';
import * as cultivations from './2026112514_cultivations';
import * as rewards from './2026112515_rewards';
import * as brandRegisters from './2026112516_brand_registers';
import * as cultivationDocuments from './2026112517_cultivation_documents';
import * as targets from './2026112518_targets';
import * as assessments from './2026112519_assessments';
import * as indicatorStamps from './2026112520_indicator_stamps';
import * as indicatorSums from './2026112521_indicator_sums';
import * as resultTables from './2026120701_result_tables';
import * as indicatorDefinitions from './2026120710_indicator_definitions';
import * as auditKeys from './2026120720_audit_keys';
import * as standardNumberReasons from './2026120721_standard_number_reasons';
import * as loginThrottle from './2026120730_login_throttle';
import * as naturalKeys from './2026120740_natural_keys';
import * as inspectionConsole from './2026120750_inspection_console';
import * as flagshipRegister from './2026120760_flagship_register';
import * as nameOrder from './2026120761_name_order';

/** Every migration, in order. Listed explicitly so bundlers and tsx need no directory scan. */
export const migrations: Record<string, Migration> = {
  '2026112501_foundation': foundation,
  '2026112502_archive': archive,
  '2026112503_proposals': proposals,
  '2026112504_search_without_triggers': searchWithoutTriggers,
  '2026112505_inspections': inspections,
  '2026112506_inspection_draws': inspectionDraws,
  '2026112507_inspection_publication': inspectionPublication,
  '2026112508_inspection_list_index': inspectionListIndex,
  '2026112509_inspection_stats_index': inspectionStatsIndex,
  '2026112510_inspection_counts': inspectionCounts,
  '2026112511_inspection_responses': inspectionResponses,
  '2026112512_brands': brands,
  '2026112513_former_name_index': formerNameIndex,
  '2026112514_cultivations': cultivations,
  '2026112515_rewards': rewards,
  '2026112516_brand_registers': brandRegisters,
  '2026112517_cultivation_documents': cultivationDocuments,
  '2026112518_targets': targets,
  '2026112519_assessments': assessments,
  '2026112520_indicator_stamps': indicatorStamps,
  '2026112521_indicator_sums': indicatorSums,
  '2026120701_result_tables': resultTables,
  '2026120710_indicator_definitions': indicatorDefinitions,
  '2026120720_audit_keys': auditKeys,
  '2026120721_standard_number_reasons': standardNumberReasons,
  '2026120730_login_throttle': loginThrottle,
  '2026120740_natural_keys': naturalKeys,
  '2026120750_inspection_console': inspectionConsole,
  '2026120760_flagship_register': flagshipRegister,
  '2026120761_name_order': nameOrder,
};
