import type { Indicator } from '../../../contract/schemas/targets';
import type { PlanRecord } from './targets.repository';
import type { IndicatorRow } from './values';

export const presentPlan = (p: PlanRecord) => ({
  id: p.id,
  code: p.code,
  name: p.name,
  nameEn: p.nameEn,
  startYear: p.startYear,
  endYear: p.endYear,
  version: p.version,
});

export function presentIndicator(r: IndicatorRow): Indicator {
  return {
    id: r.id,
    code: r.code,
    section: r.section as Indicator['section'],
    name: r.name,
    nameEn: r.name_en,
    unit: r.unit,
    kind: r.kind as Indicator['kind'],
    direction: r.direction as Indicator['direction'],
    target: r.target,
    stretch: r.stretch,
    baselineYear: r.baseline_year,
    baselineValue: r.baseline_value,
    ownerDepartment: r.owner_department,
    frequency: r.frequency as Indicator['frequency'],
    source: r.source as Indicator['source'],
    calculator: r.calculator,
    reading: JSON.parse(r.reading),
    compareCode: r.compare_code,
    reportRegions: r.report_regions as Indicator['reportRegions'],
    definition: r.definition,
    version: r.version,
  };
}
