import type { Services } from './app';
import type { Actor } from './authz/actor';
import type { Config } from './config';
import type { Db } from './db/connect';
import { seedDemoHonours } from './modules/brands/demo';
import { seedDemoBrandWork } from './modules/brands/work-demo';
import { seedArchive } from './modules/enterprises/seed';
import { seedDemoInspections } from './modules/inspections/demo';
import { seedDemoTargets } from './modules/targets/demo';

/**
 * The demo a fresh database starts with (QC_DEMO), on dates relative to today so that every
 * module shows work in progress: the archive with this year's figures, honours (some due for
 * review next month) and the flagship register, cultivations at different stages, this year's
 * rewards and key projects, spot checks in every state with published results, the running
 * plan with every county's reported figures, and this year's assessment open.
 */
export async function seedDemo(
  db: Db,
  services: Services,
  config: Pick<Config, 'flagshipRevenueFloor' | 'demoWork'>,
  actor: Actor,
  enterprises: number,
  seed = 2010,
): Promise<void> {
  await seedArchive(db.kysely, actor, { enterprises, seed, details: true });
  await seedDemoParts(db, services, config, actor);
}

/** Everything but the archive, over the archive there is (the CLI's seed runs it after its own). */
export async function seedDemoParts(
  db: Db,
  services: Services,
  config: Pick<Config, 'flagshipRevenueFloor' | 'demoWork'>,
  actor: Actor,
): Promise<number> {
  const honours = await seedDemoHonours(db.kysely, actor, config.flagshipRevenueFloor);
  if (!config.demoWork) return honours;
  await seedDemoInspections(services, db.kysely, actor);
  await seedDemoTargets(services, db.kysely, actor);
  await seedDemoBrandWork(services, db.kysely, actor);
  return honours;
}
