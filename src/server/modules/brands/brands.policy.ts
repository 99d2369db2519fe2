import type { Kysely } from 'kysely';
import type { Actor } from '../../authz/actor';
import type { Database } from '../../db/database';
import { bool } from '../../db/portable';
import { AppError } from '../../errors';
import { enterpriseScope, mayEditInRegion } from '../enterprises/enterprises.policy';
import { findEnterprise } from '../enterprises/enterprises.repository';

/** A county officer works on their county's honours, cultivations and rewards; city roles on all. */
export const countyOf = (actor: Actor): string | undefined => (actor.role === 'county_officer' ? (actor.regionCode ?? '-') : undefined);

/** A programme that still takes entries, or 400 unknown_programme. */
export async function activeProgramme(db: Kysely<Database>, code: string) {
  const programme = await db.selectFrom('brand_programmes').selectAll().where('code', '=', code).where('active', '=', bool(true)).executeTakeFirst();
  if (!programme) throw new AppError('unknown_programme');
  return programme;
}

/** An enterprise the actor may record brand work for: 404 outside their scope, 403 when they may not edit it. */
export async function editableEnterprise(db: Kysely<Database>, actor: Actor, id: string) {
  const enterprise = await findEnterprise(db, id, enterpriseScope(actor));
  if (!enterprise) throw new AppError('not_found');
  if (!mayEditInRegion(actor, enterprise.region_code)) throw new AppError('out_of_scope');
  return enterprise;
}

/** The enterprise's live archive products with these ids, or 400 when any is not one of them. */
export async function ownProducts(db: Kysely<Database>, enterpriseId: string, ids: readonly string[]) {
  const products = ids.length ? await db.selectFrom('products').select(['id', 'name']).where('enterprise_id', '=', enterpriseId).where('deleted_at', 'is', null).where('id', 'in', [...ids]).execute() : [];
  if (products.length !== ids.length) throw new AppError('validation_failed', [{ path: 'body/productIds', message: '只能选择该企业档案中的产品' }]);
  return products;
}
