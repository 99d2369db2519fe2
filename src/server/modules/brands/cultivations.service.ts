import type { Static } from 'typebox';
import type { AdvanceCultivation, CreateCultivation, Cultivation, CultivationQuery } from '../../../contract/schemas/brands';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
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
import { reachOf, cultivationAbilities } from './brands.policy';
import { activeProgramme, findProgramme, grantWithinBar, ownProducts } from './brands.repository';
import {
  cultivationCounts,
  cultivationDetails,
  failuresSince,
  findCultivation,
  findCultivationDocument,
  findOpenTwin,
  insertCultivation,
  insertCultivationDocument,
  insertCultivationEvent,
  licenceCounts,
  listCultivations,
  removeCultivationDocument,
  updateCultivationStage,
  type CultivationRow as Row,
} from './cultivations.repository';
import { listsInForce } from '../credit/credit.repository';
import { recordGrant } from './honours.service';
import { CHECKED_BEFORE, eligibilityBlocks, nextStages, type Block, type Stage } from './pipeline';
import { listRegions } from '../../authz/region-scope';

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

  async function load(trx: Db, actor: Actor, id: string): Promise<Row> {
    const row = await findCultivation(trx, id, reachOf(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** The cultivations with their steps: one query for the steps of all of them. */
  async function present(trx: Db, actor: Actor, rows: Row[]): Promise<Static<typeof Cultivation>[]> {
    const { events, documents } = await cultivationDetails(
      trx,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({
      id: row.id,
      programmeCode: row.programme_code,
      enterpriseId: row.enterprise_id,
      enterpriseName: row.enterprise_name,
      regionCode: row.region_code,
      productIds: JSON.parse(row.product_ids),
      stage: row.stage as Stage,
      officerId: row.officer_id,
      notes: row.notes,
      honourId: row.honour_id,
      nextStages: nextStages(row.stage as Stage),
      documents: documents
        .filter((d) => d.cultivation_id === row.id)
        .map((d) => ({ id: d.id, name: d.name, size: Number(d.size), uploadedAt: d.uploaded_at })),
      events: events
        .filter((e) => e.cultivation_id === row.id)
        .map((e) => ({
          stage: e.stage_after,
          on: e.on_date,
          note: e.note,
          override: e.override ? JSON.parse(e.override) : null,
          at: e.at,
        })),
      version: row.version,
      abilities: cultivationAbilities(actor, row),
    }));
  }
  const presentOne = async (trx: Db, actor: Actor, row: Row) => (await present(trx, actor, [row]))[0]!;

  /** What keeps an enterprise from applying to a programme, as of `on` (DOMAIN.md §6.10). */
  async function blocks(
    trx: Db,
    programme: { code: string; reapply_bar_years: number | null },
    enterpriseId: string,
    on: string,
  ): Promise<Block[]> {
    const years = ctx.config.brandFailureYears;
    const failures = years === 0 ? 0 : await failuresSince(trx, enterpriseId, addYears(on, -years));
    const licences = await licenceCounts(trx, enterpriseId, on);
    return eligibilityBlocks({
      failuresSince: failures,
      licences: licences.all,
      licencesInForce: licences.inForce,
      lists: await listsInForce(trx, enterpriseId, on),
      grantedWithinBar: (await grantWithinBar(trx, programme, enterpriseId, on)) !== null,
    });
  }

  /** A live document of a cultivation in the actor's scope, with its cultivation. */
  async function loadDocument(actor: Actor, id: string, documentId: string) {
    const cultivation = await load(db, actor, id);
    const doc = await findCultivationDocument(db, id, documentId);
    if (!doc) throw new AppError('not_found');
    return { doc, cultivation };
  }

  return {
    async list(actor: Actor, query: Static<typeof CultivationQuery>) {
      const rows = await listCultivations(db, {
        regions: await listRegions(actor, query.regionCode, ctx.regions),
        programmeCode: query.programmeCode,
        stage: query.stage,
      });
      return { items: await present(db, actor, rows) };
    },

    /** Counts by programme, county and stage: the board. */
    async board(actor: Actor) {
      return { cells: await cultivationCounts(db, reachOf(actor)) };
    },

    async create(actor: Actor, input: Static<typeof CreateCultivation>) {
      const row = await db.transaction().execute(async (trx) => {
        const programme = await activeProgramme(trx, input.programmeCode);
        const enterprise = await editableEnterprise(trx, actor, input.enterpriseId);
        const productIds = input.productIds ?? [];
        await ownProducts(trx, enterprise.id, productIds);
        // One open cultivation per enterprise, programme and set of products: a second would split its steps and documents.
        const key = openKey(programme.code, productIds);
        const twin = await findOpenTwin(trx, enterprise.id, key);
        if (twin) throw new AppError('duplicate_cultivation', [{ path: 'body/programmeCode', message: `已有进行中的培育（${twin}）` }]);
        const now = new Date().toISOString();
        const id = uuidv7();
        try {
          await insertCultivation(
            trx,
            {
              id,
              programmeCode: programme.code,
              enterpriseId: enterprise.id,
              regionCode: enterprise.region_code,
              productIds,
              officerId: input.officerId ?? actor.id,
              notes: input.notes ?? '',
              naturalKey: key,
            },
            actor.id,
            now,
          );
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('duplicate_cultivation');
          throw err;
        }
        await insertCultivationEvent(trx, {
          id: uuidv7(),
          cultivationId: id,
          stage: 'candidate',
          on: today(),
          note: input.notes ?? '',
          override: null,
          actorId: actor.id,
          at: now,
        });
        const created = await load(trx, actor, id);
        await recordAudit(trx, actor, 'cultivation.create', { type: 'cultivation', id }, null, {
          programmeCode: programme.code,
          enterpriseId: enterprise.id,
          productIds,
        });
        return presentOne(trx, actor, created);
      });
      return row;
    },

    /** Stores a document (申报书, 推荐函, a certificate) for the cultivation, with its size and SHA-256 (see storeDocument). */
    async addDocument(actor: Actor, id: string, upload: Upload) {
      const row = await load(db, actor, id);
      if (!mayEditInRegion(actor, row.region_code)) throw new AppError('out_of_scope');
      return storeDocument(ctx.config.dataDir, ctx.config.documentMaxBytes, uuidv7(), upload, (stored) =>
        db.transaction().execute(async (trx) => {
          const doc = {
            id: stored.id,
            cultivationId: id,
            name: stored.name,
            contentType: stored.contentType,
            size: stored.size,
            sha256: stored.sha256,
            uploadedBy: actor.id,
            uploadedAt: new Date().toISOString(),
          };
          await insertCultivationDocument(trx, doc);
          await recordAudit(trx, actor, 'cultivation.document_add', { type: 'cultivation', id }, null, {
            documentId: doc.id,
            name: doc.name,
            size: doc.size,
            sha256: doc.sha256,
          });
          return { id: doc.id, name: doc.name, size: doc.size, uploadedAt: doc.uploadedAt };
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
        await removeCultivationDocument(trx, doc.id, actor.id, reason.trim());
        await recordAudit(
          trx,
          actor,
          'cultivation.document_remove',
          { type: 'cultivation', id },
          { documentId: doc.id, name: doc.name },
          { reason: reason.trim() },
        );
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
        if (!nextStages(before.stage as Stage).includes(input.to))
          throw new AppError('invalid_transition', [{ path: 'body/to', message: `当前阶段（${before.stage}）不能转到“${input.to}”` }]);
        let override: { blocks: Block[]; reason: string } | null = null;
        if (CHECKED_BEFORE.includes(input.to)) {
          const programme = (await findProgramme(trx, before.programme_code))!;
          const found = await blocks(trx, programme, before.enterprise_id, input.on);
          if (found.length && !input.overrideReason)
            throw new AppError(
              'not_eligible',
              found.map((b) => ({ path: b, message: BLOCK_TEXT[b] })),
            );
          if (found.length) override = { blocks: found, reason: input.overrideReason!.trim() };
        }
        if (input.grant && input.to !== 'granted')
          throw new AppError('validation_failed', [{ path: 'body/grant', message: '只有认定时才登记证书' }]);
        // 认定 records the honour in the register, in this transaction, dated the day of 认定.
        const honour =
          input.to === 'granted'
            ? await recordGrant(trx, actor, {
                ...input.grant,
                programmeCode: before.programme_code,
                enterpriseId: before.enterprise_id,
                productIds: JSON.parse(before.product_ids),
                grantedOn: input.on,
              })
            : null;
        const now = new Date().toISOString();
        // A closed cultivation (认定 or 落选) frees its key: the enterprise may be cultivated for the programme again.
        const closed = input.to === 'granted' || input.to === 'rejected';
        if (!(await updateCultivationStage(trx, id, before.version, { stage: input.to, honourId: honour?.id, closed }, now)))
          throw new AppError('stale_version');
        await insertCultivationEvent(trx, {
          id: uuidv7(),
          cultivationId: id,
          stage: input.to,
          on: input.on,
          note: input.note ?? '',
          override,
          actorId: actor.id,
          at: now,
        });
        await recordAudit(
          trx,
          actor,
          'cultivation.advance',
          { type: 'cultivation', id },
          { stage: before.stage },
          { stage: input.to, on: input.on, ...(override ? { override } : {}), ...(honour ? { honourId: honour.id } : {}) },
        );
        return presentOne(trx, actor, await load(trx, actor, id));
      });
    },
  };
}
export type CultivationService = ReturnType<typeof cultivationService>;
