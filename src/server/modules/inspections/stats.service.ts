import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import { failedItemCounts, passCounts, type StatFilter, type StatGroup } from './stats.repository';
import { listRegions } from '../../authz/region-scope';

export interface StatsQuery {
  by: StatGroup;
  then?: StatGroup;
  year?: number;
  levels?: string;
  categoryCode?: string;
  regionCode?: string;
}

/** 批次合格率: qualified ÷ tested, unrounded; none when nothing was tested. */
export const passRate = (qualified: number, tested: number) => (tested === 0 ? null : qualified / tested);

/**
 * Pass rates (批次合格率 = batches qualified ÷ batches tested) of cases with a final result. Rates
 * are divided from the sums of each group and of the whole, never averaged or rounded here.
 */
export function statsService(ctx: AppContext) {
  const filterOf = async (actor: Actor, q: Omit<StatsQuery, 'by' | 'then'>): Promise<StatFilter> => ({
    year: q.year,
    levels: q.levels ? q.levels.split(',') : undefined,
    categoryCode: q.categoryCode,
    // A county officer's figures are their county's (and the townships below it); a county asked for, with its townships.
    regions: await listRegions(actor, q.regionCode, ctx.regions),
  });

  return {
    async passRates(actor: Actor, query: StatsQuery) {
      const rows = await passCounts(ctx.db, query.by, await filterOf(actor, query), query.then);
      const tested = rows.reduce((s, r) => s + r.tested, 0);
      const qualified = rows.reduce((s, r) => s + r.qualified, 0);
      return {
        by: query.by,
        rows: rows.map((r) => ({ ...r, unqualified: r.tested - r.qualified, passRate: passRate(r.qualified, r.tested) })),
        total: { tested, qualified, unqualified: tested - qualified, passRate: passRate(qualified, tested) },
      };
    },

    async failedItems(actor: Actor, query: Omit<StatsQuery, 'by' | 'then'> & { limit?: number }) {
      const rows = await failedItemCounts(ctx.db, await filterOf(actor, query), query.limit ?? 20);
      return { items: rows.map((r) => ({ item: r.item, batches: Number(r.batches) })) };
    },
  };
}
export type StatsService = ReturnType<typeof statsService>;
