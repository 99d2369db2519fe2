import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { RegionTree } from './region-tree';
import { listRegionNodes } from './reference.repository';

/**
 * The region tree as the running platform sees it. Read on every signed-in request (a county
 * officer's scope is the subtree of the county), so it is kept for QC_CACHE_SECONDS; an edit of the
 * regions in this process drops it at once, on another instance within that time.
 */
export function regionDirectory(db: Kysely<Database>, config: Pick<Config, 'homeRegion' | 'cacheSeconds'>) {
  let kept: { tree: RegionTree; loadedAt: number } | null = null;
  let loading: Promise<RegionTree> | null = null;

  async function load(via: Kysely<Database>): Promise<RegionTree> {
    const tree = new RegionTree(await listRegionNodes(via), config.homeRegion);
    kept = { tree, loadedAt: Date.now() };
    return tree;
  }

  return {
    /**
     * The tree. Inside a transaction pass it (`via`): on SQLite's one connection a read through the
     * pool would wait for the transaction that waits for it.
     */
    async tree(via: Kysely<Database> = db): Promise<RegionTree> {
      if (kept && Date.now() - kept.loadedAt < config.cacheSeconds * 1000) return kept.tree;
      if (via !== db) return load(via);
      // Concurrent requests after expiry share one load.
      loading ??= load(db).finally(() => (loading = null));
      return loading;
    },
    forget(): void {
      kept = null;
    },
  };
}
export type RegionDirectory = ReturnType<typeof regionDirectory>;
