import { sql, type Kysely, type Selectable } from 'kysely';
import type { Static } from 'typebox';
import type { AdvanceCultivation, CreateCultivation, Cultivation, CultivationQuery } from '../../../contract/schemas/brands';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import { addYears, today } from '../../lib/dates';
import { documentFile, storeDocument } from '../../lib/documents';
import type { Upload } from '../../http';
import { uuidv7 } from '../../lib/ids';
import { naturalKey } from '../../lib/natural-key';
import { isUniqueViolation } from '../../db/portable';
import { recordAudit } from '../audit/audit.service';
import { mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { activeProgramme, countyOf, grantWithinBar, ownProducts } from './brands.policy';
import type { CultivationTable } from './honours.table';
import { listsInForce } from '../credit/listings.service';
import { recordGrant } from './honours.service';
import { CHECKED_BEFORE, eligibilityBlocks, nextStages, type Block, type Stage } from './pipeline';

type Row = Selectable<CultivationTable> & { enterprise_name: string };

/** An open cultivation's key: its programme and its products in a fixed order (the order they were picked in does not matter). */
const openKey = (programmeCode: string, productIds: string[]) => naturalKey([programmeCode, ...[...productIds].sort()]);
const BLOCK_TEXT: Record<Block, string> = {
  recent_failure: '近年监督抽查有不合格（结论已确定）',
  licence_lapsed: '档案中的生产许可证均已失效',
  abnormal_operation: '列入经营异常名录',
  serious_dishonesty: '列入严重违法失信名单',
  reapply_barred: '获得该项目后未满不得再次申报的年限',
};

/** The cultivation pipeline per enterprise and programme, with its eligibility gate and board. */
export function cultivationService(ctx: AppContext) {
  const { db } = ctx;

  async function load(trx: Kysely<Database>, actor: Actor, id: string): Promise<Row> {
    let q = trx.selectFrom('cultivations as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id').selectAll('c').select('e.name as enterprise_name').where('c.id', '=', id);
    const region = countyOf(actor);
    if (region) q = q.where('c.region_code', '=', region);
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** The cultivations with their steps: one query for the steps of all of them. */
  async function present(trx: Kysely<Database>, rows: Row[]): Promise<Static<typeof Cultivation>[]> {
    const ids = rows.map((r) => r.id);
    const events = rows.length ? await trx.selectFrom('cultivation_events').selectAll().where('cultivation_id', 'in', ids).orderBy('at').execute() : [];
    const documents = rows.length
      ? await trx.selectFrom('cultivation_documents').select(['id', 'cultivation_id', 'name', 'size', 'uploaded_at']).where('cultivation_id', 'in', ids).where('deleted_at', 'is', null).orderBy('uploaded_at').execute()
      : [];
    return rows.map((row) => ({
      id: row.id, programmeCode: row.programme_code, enterpriseId: row.enterprise_id, enterpriseName: row.enterprise_name, regionCode: row.region_code,
      productIds: JSON.parse(row.product_ids), stage: row.stage as Stage, officerId: row.officer_id, notes: row.notes, honourId: row.honour_id, nextStages: nextStages(row.stage as Stage),
      documents: documents.filter((d) => d.cultivation_id === row.id).map((d) => ({ id: d.id, name: d.name, size: Number(d.size), uploadedAt: d.uploaded_at })),
      events: events.filter((e) => e.cultivation_id === row.id).map((e) => ({ stage: e.stage_after, on: e.on_date, note: e.note, override: e.override ? JSON.parse(e.override) : null, at: e.at })),
      version: row.version,
    }));
  }
  const presentOne = async (trx: Kysely<Database>, row: Row) => (await present(trx, [row]))[0]!;

  /** What keeps an enterprise from applying to a programme, as of `on` (DOMAIN.md §6.10). */
  async function blocks(trx: Kysely<Database>, programme: { code: string; reapply_bar_years: number | null }, enterpriseId: string, on: string): Promise<Block[]> {
    const years = ctx.config.brandFailureYears;
    const failures = years === 0 ? { n: 0 } : await trx
      .selectFrom('inspections')
      .select(sql<number>`count(*)`.as('n'))
      .where('final_verdict', '=', 'unqualified')
      .where('sampled_on', '>=', addYears(on, -years))
      .where((eb) => eb.or([eb('producer_enterprise_id', '=', enterpriseId), eb('sampled_enterprise_id', '=', enterpriseId)]))
      .executeTakeFirstOrThrow();
    const licences = await trx
      .selectFrom('licences')
      .select([sql<number>`count(*)`.as('all'), sql<number>`sum(case when status = 'valid' and (expires_on is null or expires_on >= ${on}) then 1 else 0 end)`.as('inForce')])
      .where('enterprise_id', '=', enterpriseId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return eligibilityBlocks({
      failuresSince: Number(failures.n), licences: Number(licences.all), licencesInForce: Number(licences.inForce ?? 0),
      lists: await listsInForce(trx, enterpriseId, on), grantedWithinBar: (await grantWithinBar(trx, programme, enterpriseId, on)) !== null,
    });
  }

  /** A live document of a cultivation in the actor's scope, with its cultivation. */
  async function loadDocument(actor: Actor, id: string, documentId: string) {
    const cultivation = await load(db, actor, id);
    const doc = await db.selectFrom('cultivation_documents').selectAll().where('id', '=', documentId).where('cultivation_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!doc) throw new AppError('not_found');
    return { doc, cultivation };
  }

  return {
    async list(actor: Actor, query: Static<typeof CultivationQuery>) {
      let q = db.selectFrom('cultivations as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id').selectAll('c').select('e.name as enterprise_name');
      const region = countyOf(actor) ?? query.regionCode;
      if (region) q = q.where('c.region_code', '=', region);
      if (query.programmeCode) q = q.where('c.programme_code', '=', query.programmeCode);
      if (query.stage) q = q.where('c.stage', '=', query.stage);
      const rows = await q.orderBy('c.updated_at', 'desc').limit(1000).execute();
      return { items: await present(db, rows) };
    },

    /** Counts by programme, county and stage: the board. */
    async board(actor: Actor) {
      let q = db.selectFrom('cultivations').select(['programme_code', 'region_code', 'stage', sql<number>`count(*)`.as('n')]);
      const region = countyOf(actor);
      if (region) q = q.where('region_code', '=', region);
      const rows = await q.groupBy(['programme_code', 'region_code', 'stage']).orderBy('programme_code').orderBy('region_code').orderBy('stage').execute();
      return { cells: rows.map((r) => ({ programmeCode: r.programme_code, regionCode: r.region_code, stage: r.stage, count: Number(r.n) })) };
    },

    async create(actor: Actor, input: Static<typeof CreateCultivation>) {
      const row = await db.transaction().execute(async (trx) => {
        const programme = await activeProgramme(trx, input.programmeCode);
        const enterprise = await editableEnterprise(trx, actor, input.enterpriseId);
        const productIds = input.productIds ?? [];
        await ownProducts(trx, enterprise.id, productIds);
        // One open cultivation per enterprise, programme and set of products: a second would split its steps and documents.
        const key = openKey(programme.code, productIds);
        const twin = await trx.selectFrom('cultivations').select('id').where('enterprise_id', '=', enterprise.id).where('natural_key', '=', key).executeTakeFirst();
        if (twin) throw new AppError('duplicate_cultivation', [{ path: 'body/programmeCode', message: `已有进行中的培育（${twin.id}）` }]);
        const now = new Date().toISOString();
        const id = uuidv7();
        try {
          await trx.insertInto('cultivations').values({
            id, programme_code: programme.code, enterprise_id: enterprise.id, region_code: enterprise.region_code, product_ids: JSON.stringify(productIds), stage: 'candidate',
            officer_id: input.officerId ?? actor.id, notes: input.notes ?? '', version: 1, created_at: now, updated_at: now, created_by: actor.id, natural_key: key,
          }).execute();
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate_cultivation');
          throw err;
        }
        await trx.insertInto('cultivation_events').values({ id: uuidv7(), cultivation_id: id, stage_after: 'candidate', on_date: today(), note: input.notes ?? '', override: null, actor_id: actor.id, at: now }).execute();
        const created = await load(trx, actor, id);
        await recordAudit(trx, actor, 'cultivation.create', { type: 'cultivation', id }, null, { programmeCode: programme.code, enterpriseId: enterprise.id, productIds });
        return presentOne(trx, created);
      });
      return row;
    },

    /** Stores a document (申报书, 推荐函, a certificate) for the cultivation, with its size and SHA-256 (see storeDocument). */
    async addDocument(actor: Actor, id: string, upload: Upload) {
      const row = await load(db, actor, id);
      if (!mayEditInRegion(actor, row.region_code)) throw new AppError('out_of_scope');
      return storeDocument(ctx.config.dataDir, ctx.config.documentMaxBytes, uuidv7(), upload, (stored) =>
        db.transaction().execute(async (trx) => {
          const doc = { id: stored.id, cultivation_id: id, name: stored.name, content_type: stored.contentType, size: stored.size, sha256: stored.sha256, uploaded_by: actor.id, uploaded_at: new Date().toISOString(), deleted_at: null, deleted_by: null, delete_reason: null };
          await trx.insertInto('cultivation_documents').values(doc).execute();
          await recordAudit(trx, actor, 'cultivation.document_add', { type: 'cultivation', id }, null, { documentId: doc.id, name: doc.name, size: doc.size, sha256: doc.sha256 });
          return { id: doc.id, name: doc.name, size: doc.size, uploadedAt: doc.uploaded_at };
        }),
      );
    },

    /** A document's file for download, within the actor's scope. */
    async document(actor: Actor, id: string, documentId: string) {
      const { doc } = await loadDocument(actor, id, documentId);
      return { file: documentFile(ctx.config.dataDir, doc.id), name: doc.name, contentType: doc.content_type };
    },

    /** Takes a document off the list with a reason; the file stays for the audit trail. */
    async removeDocument(actor: Actor, id: string, documentId: string, reason: string) {
      const { doc, cultivation } = await loadDocument(actor, id, documentId);
      if (!mayEditInRegion(actor, cultivation.region_code)) throw new AppError('out_of_scope');
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('cultivation_documents').set({ deleted_at: new Date().toISOString(), deleted_by: actor.id, delete_reason: reason.trim() }).where('id', '=', doc.id).execute();
        await recordAudit(trx, actor, 'cultivation.document_remove', { type: 'cultivation', id }, { documentId: doc.id, name: doc.name }, { reason: reason.trim() });
      });
    },

    /**
     * Moves a cultivation one stage on. Before 申报 and 推荐 the enterprise must be eligible; a
     * block answers 409 not_eligible with its reasons unless an override reason is given (audited).
     */
    async advance(actor: Actor, id: string, input: Static<typeof AdvanceCultivation>) {
      if (input.on > today()) throw new AppError('validation_failed', [{ path: 'body/on', message: '日期不能晚于今天' }]);
      return db.transaction().execute(async (trx) => {
        const before = await load(trx, actor, id);
        if (!mayEditInRegion(actor, before.region_code)) throw new AppError('out_of_scope');
        if (before.version !== input.version) throw new AppError('stale_version');
        if (!nextStages(before.stage as Stage).includes(input.to)) throw new AppError('invalid_transition', [{ path: 'body/to', message: `当前阶段（${before.stage}）不能转到“${input.to}”` }]);
        let override: { blocks: Block[]; reason: string } | null = null;
        if (CHECKED_BEFORE.includes(input.to)) {
          const programme = await trx.selectFrom('brand_programmes').select(['code', 'reapply_bar_years']).where('code', '=', before.programme_code).executeTakeFirstOrThrow();
          const found = await blocks(trx, programme, before.enterprise_id, input.on);
          if (found.length && !input.overrideReason) throw new AppError('not_eligible', found.map((b) => ({ path: b, message: BLOCK_TEXT[b] })));
          if (found.length) override = { blocks: found, reason: input.overrideReason!.trim() };
        }
        if (input.grant && input.to !== 'granted') throw new AppError('validation_failed', [{ path: 'body/grant', message: '只有认定时才登记证书' }]);
        // 认定 records the honour in the register, in this transaction, dated the day of 认定.
        const honour = input.to === 'granted'
          ? await recordGrant(trx, actor, { ...input.grant, programmeCode: before.programme_code, enterpriseId: before.enterprise_id, productIds: JSON.parse(before.product_ids), grantedOn: input.on })
          : null;
        const now = new Date().toISOString();
        // A closed cultivation (认定 or 落选) frees its key: the enterprise may be cultivated for the programme again.
        const closed = input.to === 'granted' || input.to === 'rejected';
        const updated = await trx.updateTable('cultivations').set({ stage: input.to, version: before.version + 1, updated_at: now, ...(honour ? { honour_id: honour.id } : {}), ...(closed ? { natural_key: null } : {}) }).where('id', '=', id).where('version', '=', before.version).executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new AppError('stale_version');
        await trx.insertInto('cultivation_events').values({ id: uuidv7(), cultivation_id: id, stage_after: input.to, on_date: input.on, note: input.note ?? '', override: override ? JSON.stringify(override) : null, actor_id: actor.id, at: now }).execute();
        await recordAudit(trx, actor, 'cultivation.advance', { type: 'cultivation', id }, { stage: before.stage }, { stage: input.to, on: input.on, ...(override ? { override } : {}), ...(honour ? { honourId: honour.id } : {}) });
        return presentOne(trx, await load(trx, actor, id));
      });
    },
  };
}
export type CultivationService = ReturnType<typeof cultivationService>;
