import type { Insertable, Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { insertChunked } from '../../db/bulk';
import { bool } from '../../db/portable';
import { insertEnterpriseSearch } from './search.repository';
import { newRecordMeta } from '../../db/types';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { naturalKey } from '../../lib/natural-key';
import { searchDocument } from '../../lib/search-text';
import { recordAudit } from '../audit/audit.service';
import { demoDetails, demoEnterprise } from './demo-data';

export interface SeedOptions {
  enterprises: number;
  seed: number;
  /** Products, standards, certifications, licences, staff, figures (off for search benchmarks). */
  details: boolean;
  /** The last year with yearly figures: the current year by default, so the dashboard of the running plan has figures. */
  lastYear?: number;
  onProgress?: (done: number, total: number) => void;
}

const CHUNK = 500;
const ONSET = '2009-01-01';
/** A registration's time of day, spread over the day as real ones are (not every record of a day at one instant). */
const timeOfDay = (i: number) => new Date(((i * 7919) % 86_400) * 1000).toISOString().slice(11, 23);

/**
 * A deregistered demo enterprise's date of deregistration (the industrial indicators read it):
 * some years after its founding, by the last year at the latest.
 */
function deregisteredOn(e: { status: string; foundedOn: string }, i: number, lastYear: number): string | null {
  if (e.status !== 'deregistered') return null;
  const year = Math.min(lastYear, Number(e.foundedOn.slice(0, 4)) + 1 + (i % 9));
  return `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
}

/**
 * Writes a deterministic demo archive, a chunk per transaction, then one audit event that
 * says what was generated (the rows themselves are demo data, not officers' changes).
 */
export async function seedArchive(db: Kysely<Database>, actor: Actor, options: SeedOptions): Promise<void> {
  const fresh = newRecordMeta(actor.id, new Date().toISOString());
  const lastYear = options.lastYear ?? Number(today().slice(0, 4));
  for (let start = 0; start < options.enterprises; start += CHUNK) {
    const end = Math.min(options.enterprises, start + CHUNK);
    const rows: Record<string, Insertable<Database[keyof Database]>[]> = {
      enterprises: [],
      enterprise_former_names: [],
      enterprise_yearly_figures: [],
      products: [],
      product_standards: [],
      certifications: [],
      licences: [],
      quality_staff: [],
    };
    const push = (table: string, row: object) => rows[table]!.push(row as never);
    const search: Parameters<typeof insertEnterpriseSearch>[1] = [];
    for (let i = start; i < end; i++) {
      const e = demoEnterprise(options.seed, i);
      const id = uuidv7();
      // Demo records are on record since their enterprise was founded (2009 at the earliest), so
      // indicators read as of past years (the 2010–2015 plan) find the archive as it would have been.
      const meta = { ...fresh, created_at: `${e.foundedOn && e.foundedOn > ONSET ? e.foundedOn : ONSET}T${timeOfDay(i)}Z` };
      push('enterprises', {
        id,
        ...meta,
        uscc: e.uscc,
        uscc_override_reason: null,
        name: e.name,
        region_code: e.regionCode,
        industry_code: e.industryCode,
        address: e.address,
        legal_representative: e.legalRepresentative,
        contact_person: e.contactPerson,
        contact_phone: e.contactPhone,
        founded_on: e.foundedOn,
        deregistered_on: deregisteredOn(e, i, lastYear),
        status: e.status,
        above_scale: bool(e.aboveScale),
        key_enterprise: bool(e.keyEnterprise),
        // The flag follows the flagship register (flagships.service): no list has named anyone yet.
        flagship: bool(false),
        foreign_invested: bool(e.foreignInvested),
        service_enterprise: bool(e.serviceEnterprise),
        agri_leader_level: e.agriLeaderLevel,
      });
      const d = options.details ? demoDetails(options.seed, i, e, lastYear) : null;
      search.push({ enterpriseId: id, name: e.name, doc: searchDocument([e.name, ...(d?.formerNames.map((f) => f.name) ?? []), e.uscc]) });
      if (!d) continue;
      // Natural keys are unique per enterprise: a generated name or product that repeats one is left out.
      const keys = new Set<string>();
      const firstOf = (key: string) => !keys.has(key) && Boolean(keys.add(key));
      for (const f of d.formerNames) {
        const key = naturalKey([f.name]);
        if (firstOf(`f${key}`))
          push('enterprise_former_names', {
            id: uuidv7(),
            ...meta,
            enterprise_id: id,
            name: f.name,
            used_from: f.usedFrom,
            used_to: f.usedTo,
            natural_key: key,
          });
      }
      for (const y of d.yearly) {
        push('enterprise_yearly_figures', {
          id: uuidv7(),
          ...meta,
          enterprise_id: id,
          year: y.year,
          output_value: y.output,
          new_product_output_value: y.newProduct,
          sales_revenue: y.sales,
          export_value: y.exports,
          profit_and_tax: y.profitTax,
          employees: y.employees,
        });
      }
      const foodProducts: string[] = [];
      for (const p of d.products) {
        const productId = uuidv7();
        const key = naturalKey([p.name, p.brand, p.model]);
        if (!firstOf(`p${key}`)) continue;
        if (p.foodProduct) foodProducts.push(productId);
        push('products', {
          id: productId,
          ...meta,
          enterprise_id: id,
          name: p.name,
          category_code: p.categoryCode,
          brand: p.brand,
          model: p.model,
          key_product: bool(p.keyProduct),
          export_product: bool(p.exportProduct),
          food_product: bool(p.foodProduct),
          brand_product: 0,
          made_to_standard: bool(p.madeToStandard),
          natural_key: key,
        });
        for (const s of p.standards) {
          push('product_standards', {
            id: uuidv7(),
            ...meta,
            product_id: productId,
            standard_no: s.standardNo,
            kind: s.kind,
            adoption: s.adoption,
            adopted_standard_no: s.adoptedStandardNo,
          });
        }
      }
      for (const c of d.certifications) {
        // A green-food certificate names the products it covers (PQ-GREEN counts products): the enterprise's food products.
        const productIds = c.kind === 'GREEN_FOOD' ? foodProducts : [];
        push('certifications', {
          id: uuidv7(),
          ...meta,
          enterprise_id: id,
          kind: c.kind,
          kind_other: '',
          certificate_no: c.certificateNo,
          body: c.body,
          issued_on: c.issuedOn,
          expires_on: c.expiresOn,
          status: c.status,
          product_ids: JSON.stringify(productIds),
        });
      }
      for (const l of d.licences) {
        push('licences', {
          id: uuidv7(),
          ...meta,
          enterprise_id: id,
          licence_no: l.licenceNo,
          product_unit: l.productUnit,
          issued_on: l.issuedOn,
          expires_on: l.expiresOn,
          status: l.status,
        });
      }
      for (const s of d.staff) {
        push('quality_staff', {
          id: uuidv7(),
          ...meta,
          enterprise_id: id,
          person_name: s.personName,
          staff_role: s.staffRole,
          qualification: s.qualification,
          phone: s.phone,
          trainings: JSON.stringify(s.trainings),
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      // Parents before children, for the foreign keys.
      for (const table of Object.keys(rows) as (keyof Database & string)[]) await insertChunked(trx, table, rows[table] as never);
      await insertEnterpriseSearch(trx, search);
    });
    options.onProgress?.(end, options.enterprises);
  }
  await db.transaction().execute((trx) =>
    recordAudit(trx, actor, 'archive.seed', { type: 'archive', id: null }, null, {
      enterprises: options.enterprises,
      seed: options.seed,
      details: options.details,
      lastYear,
    }),
  );
}
