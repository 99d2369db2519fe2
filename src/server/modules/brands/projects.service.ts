import type { Static } from 'typebox';
import type { DeleteBody } from '../../../contract/schemas/enterprises';
import type { CreateKeyProject, KeyProject, KeyProjectQuery, SelectKeyProject, UpdateKeyProject } from '../../../contract/schemas/industry';
import { systemActor, type Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { toBool } from '../../db/portable';
import { AppError } from '../../errors';
import { today } from '../../lib/dates';
import { uuidv7 } from '../../lib/ids';
import { writeExport, type ExportFormat } from '../../lib/tabular/write';
import { recordAudit } from '../audit/audit.service';
import { mayEditInRegion } from '../enterprises/enterprises.policy';
import { editableEnterprise } from '../enterprises/enterprises.service';
import { cityOnly, reachOf } from './brands.policy';
import { regionNames } from '../assessments/assessments.repository';
import {
  findKeyProject,
  insertKeyProject,
  listKeyProjects,
  updateKeyProject,
  type KeyProjectChanges,
  type KeyProjectRow as Row,
} from './projects.repository';
import { listRegions } from '../../authz/region-scope';

const STATUS_TEXT: Record<string, string> = { planned: '计划', under_way: '在建', completed: '竣工', cancelled: '取消' };

function present(actor: Actor, r: Row): KeyProject {
  const editable = mayEditInRegion(actor, r.region_code);
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    regionCode: r.region_code,
    year: r.year,
    name: r.name,
    investment: Number(r.investment),
    status: r.status as KeyProject['status'],
    selected: toBool(r.selected),
    selectedOn: r.selected_on,
    notes: r.notes,
    version: r.version,
    updatedAt: r.updated_at,
    abilities: { update: editable, select: editable && reachOf(actor) === undefined },
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
  async function load(trx: Db, actor: Actor, id: string): Promise<Row> {
    const row = await findKeyProject(trx, id, reachOf(actor));
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** Writes a change under the version the client read, audited; answers the row after. */
  async function change(actor: Actor, id: string, version: number, action: string, set: (before: Row) => KeyProjectChanges) {
    return db.transaction().execute(async (trx) => {
      const before = await load(trx, actor, id);
      if (!mayEditInRegion(actor, before.region_code)) throw new AppError('out_of_scope');
      const changes = set(before);
      if (!(await updateKeyProject(trx, id, version, changes))) throw new AppError('stale_version');
      // A deleted project leaves the lists: the audit keeps what it was.
      const after = changes.deleted ? null : await load(trx, actor, id);
      await recordAudit(trx, actor, action, { type: 'key_project', id }, audited(before), after && audited(after));
      return present(actor, after ?? before);
    });
  }

  async function list(actor: Actor, query: Static<typeof KeyProjectQuery>) {
    const rows = await listKeyProjects(db, {
      regions: await listRegions(actor, query.regionCode, ctx.regions),
      year: query.year,
      selected: query.selected,
      status: query.status,
    });
    const items = rows.map((r) => present(actor, r));
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
        await insertKeyProject(
          trx,
          {
            id,
            enterpriseId: enterprise.id,
            regionCode: enterprise.region_code,
            year: input.year,
            name: input.name.trim(),
            investment: input.investment,
            status: input.status ?? 'planned',
            notes: input.notes?.trim() ?? '',
          },
          actor.id,
        );
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
        if (input.selected && before.status === 'cancelled')
          throw new AppError('validation_failed', [{ path: 'body/selected', message: '已取消的项目不能列为重点项目' }]);
        return { selected: input.selected, selectedOn: input.selected ? input.on : null };
      });
    },

    async remove(actor: Actor, id: string, input: DeleteBody) {
      await change(actor, id, input.version, 'key_project.delete', () => ({ deleted: { by: actor.id, reason: input.reason.trim() } }));
    },

    /** The list as XLSX or CSV — with `selected`, the year's key-project list. */
    async export(actor: Actor, query: Static<typeof KeyProjectQuery>, format: ExportFormat) {
      const { items } = await list(actor, query);
      const regions = await regionNames(db);
      async function* rows() {
        yield items.map((p, i) => [
          String(i + 1),
          String(p.year),
          regions.get(p.regionCode) ?? p.regionCode,
          p.enterpriseName,
          p.name,
          p.investment,
          STATUS_TEXT[p.status]!,
          p.selected ? '是' : '否',
          p.selectedOn ?? '',
          p.notes,
        ]);
      }
      const file = await writeExport(
        ctx.config.dataDir,
        format,
        ['序号', '年度', '县市区', '企业', '项目名称', '计划总投资（元）', '状态', '重点项目', '列入日期', '备注'],
        rows(),
      );
      const name = `${query.year ?? ''}${query.selected ? '重点技改项目' : '技改项目'}.${format}`;
      return { file, downloadName: name };
    },
  };
}
export type KeyProjectService = ReturnType<typeof keyProjectService>;
