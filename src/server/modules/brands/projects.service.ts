import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Static } from 'typebox';
import type { DeleteBody } from '../../../contract/schemas/enterprises';
import type { CreateKeyProject, KeyProject, KeyProjectQuery, SelectKeyProject, UpdateKeyProject } from '../../../contract/schemas/industry';
import { systemActor, type Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { bool, toBool } from '../../db/portable';
import { newRecordMeta } from '../../db/types';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { writeExport, type ExportFormat } from '../../lib/tabular/write';
import { recordAudit } from '../audit/audit.service';
import { mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { cityOnly, countyOf } from './brands.policy';
import type { KeyProjectTable } from './registers.table';

type Row = Selectable<KeyProjectTable> & { enterprise_name: string };
const STATUS_TEXT: Record<string, string> = { planned: '计划', under_way: '在建', completed: '竣工', cancelled: '取消' };

function present(actor: Actor, r: Row): KeyProject {
  const editable = mayEditInRegion(actor, r.region_code);
  return {
    id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, regionCode: r.region_code, year: r.year, name: r.name, investment: Number(r.investment),
    status: r.status as KeyProject['status'], selected: toBool(r.selected), selectedOn: r.selected_on, notes: r.notes, version: r.version, updatedAt: r.updated_at,
    abilities: { update: editable, select: editable && countyOf(actor) === undefined },
  };
}
const audited = (r: Row) => {
  const { abilities: _a, ...rest } = present(systemActor('system'), r);
  return rest;
};

/**
 * Technical-upgrade projects (技改项目, policy §三(二)): counties and the city record them, the
 * city selects each year's key projects; the selection list is exported for the yearly notice.
 */
export function keyProjectService(ctx: AppContext) {
  const { db } = ctx;
  const projects = (trx: Kysely<Database>) =>
    trx.selectFrom('key_projects as k').innerJoin('enterprises as e', 'e.id', 'k.enterprise_id').selectAll('k').select('e.name as enterprise_name').where('k.deleted_at', 'is', null);

  async function load(trx: Kysely<Database>, actor: Actor, id: string): Promise<Row> {
    let q = projects(trx).where('k.id', '=', id);
    const county = countyOf(actor);
    if (county) q = q.where('k.region_code', '=', county);
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** Writes a change under the version the client read, audited; answers the row after. */
  async function change(actor: Actor, id: string, version: number, action: string, set: (before: Row) => Updateable<KeyProjectTable>) {
    return db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      if (!mayEditInRegion(actor, before.region_code)) throw new AppError('out_of_scope');
      const changes = set(before);
      const updated = await trx
        .updateTable('key_projects')
        .set({ ...changes, version: before.version + 1, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new AppError('stale_version');
      // A deleted project leaves the lists: the audit keeps what it was.
      const after = changes.deleted_at ? null : await load(trx, actor, id);
      await recordAudit(trx, actor, action, { type: 'key_project', id }, audited(before), after && audited(after));
      return present(actor, after ?? before);
    });
  }

  async function list(actor: Actor, query: Static<typeof KeyProjectQuery>) {
    let q = projects(db);
    const region = countyOf(actor) ?? query.regionCode;
    if (region) q = q.where('k.region_code', '=', region);
    if (query.year) q = q.where('k.year', '=', query.year);
    if (query.selected !== undefined) q = q.where('k.selected', '=', bool(query.selected));
    if (query.status) q = q.where('k.status', '=', query.status);
    const items = (await q.orderBy('k.year', 'desc').orderBy('k.region_code').orderBy('k.investment', 'desc').orderBy('k.id').limit(5000).execute()).map((r) => present(actor, r));
    // Sums of whole yuan over the projects that still count: a cancelled project adds nothing.
    const live = items.filter((p) => p.status !== 'cancelled');
    const total = (of: KeyProject[]) => ({ projects: of.length, investment: of.reduce((s, p) => s + p.investment, 0) });
    return { items, totals: { all: total(live), selected: total(live.filter((p) => p.selected)) } };
  }

  return {
    list,

    async create(actor: Actor, input: Static<typeof CreateKeyProject>) {
      return db.transaction().execute(async (trx) => {
        const enterprise = await editableEnterprise(trx, actor, input.enterpriseId);
        const id = uuidv7();
        await trx.insertInto('key_projects').values({
          id, enterprise_id: enterprise.id, region_code: enterprise.region_code, year: input.year, name: input.name.trim(), investment: input.investment,
          status: input.status ?? 'planned', selected: bool(false), selected_on: null, notes: input.notes?.trim() ?? '', ...newRecordMeta(actor.id, new Date().toISOString()),
        }).execute();
        const row = await load(trx, actor, id);
        await recordAudit(trx, actor, 'key_project.create', { type: 'key_project', id }, null, audited(row));
        return present(actor, row);
      });
    },

    async update(actor: Actor, id: string, input: Static<typeof UpdateKeyProject>) {
      const { version, ...fields } = input;
      if (Object.keys(fields).length === 0) throw new AppError('empty_update');
      return change(actor, id, version, 'key_project.update', () => ({
        ...(fields.name !== undefined ? { name: fields.name.trim() } : {}),
        ...(fields.investment !== undefined ? { investment: fields.investment } : {}),
        ...(fields.status !== undefined ? { status: fields.status } : {}),
        ...(fields.notes !== undefined ? { notes: fields.notes.trim() } : {}),
      }));
    },

    /** The city's selection as a key project of its year, or its withdrawal. */
    async select(actor: Actor, id: string, input: Static<typeof SelectKeyProject>) {
      cityOnly(actor);
      if (input.on > today()) throw new AppError('validation_failed', [{ path: 'body/on', message: '日期不能晚于今天' }]);
      return change(actor, id, input.version, input.selected ? 'key_project.select' : 'key_project.unselect', (before) => {
        if (input.selected && before.status === 'cancelled') throw new AppError('validation_failed', [{ path: 'body/selected', message: '已取消的项目不能列为重点项目' }]);
        return { selected: bool(input.selected), selected_on: input.selected ? input.on : null };
      });
    },

    async remove(actor: Actor, id: string, input: DeleteBody) {
      await change(actor, id, input.version, 'key_project.delete', () => ({ deleted_at: new Date().toISOString(), deleted_by: actor.id, delete_reason: input.reason.trim() }));
    },

    /** The list as XLSX or CSV — with `selected`, the year's key-project list. */
    async export(actor: Actor, query: Static<typeof KeyProjectQuery>, format: ExportFormat) {
      const { items } = await list(actor, query);
      const regions = new Map((await db.selectFrom('regions').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
      async function* rows() {
        yield items.map((p, i) => [String(i + 1), String(p.year), regions.get(p.regionCode) ?? p.regionCode, p.enterpriseName, p.name, p.investment, STATUS_TEXT[p.status]!, p.selected ? '是' : '否', p.selectedOn ?? '', p.notes]);
      }
      const file = await writeExport(ctx.config.dataDir, format, ['序号', '年度', '县市区', '企业', '项目名称', '计划总投资（元）', '状态', '重点项目', '列入日期', '备注'], rows());
      const name = `${query.year ?? ''}${query.selected ? '重点技改项目' : '技改项目'}.${format}`;
      return { file, downloadName: name };
    },
  };
}
export type KeyProjectService = ReturnType<typeof keyProjectService>;
