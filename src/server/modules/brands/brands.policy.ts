import type { Actor } from '../../authz/actor';
import { AppError } from '../../errors';
import { mayEditInRegion } from '../enterprises/enterprises.policy';
import { nextStages, type Stage } from './pipeline';
import { rewardNext, type RewardStatus } from './rewards';

/** A county officer works on their county's honours, cultivations and rewards; city roles on all. */
export const reachOf = (actor: Actor): readonly string[] | undefined => actor.regions ?? undefined;

/** The city's decisions (reward rules, key-project selection, the flagship list): 403 for a county officer. */
export function cityOnly(actor: Actor): void {
  if (reachOf(actor) !== undefined) throw new AppError('forbidden');
}

/** What the actor may do with a cultivation: move it on while a stage follows, and keep its documents, in a region they edit. */
export function cultivationAbilities(actor: Actor, c: { region_code: string; stage: string }) {
  const edit = mayEditInRegion(actor, c.region_code);
  return { advance: edit && nextStages(c.stage as Stage).length > 0, documents: edit };
}

/** What the actor may do with a reward: the moves its status allows, in a region they edit. */
export function rewardAbilities(actor: Actor, r: { region_code: string; status: string }) {
  const edit = mayEditInRegion(actor, r.region_code);
  const next = rewardNext(r.status as RewardStatus);
  return { approve: edit && next.includes('approved'), pay: edit && next.includes('paid'), cancel: edit && next.includes('cancelled') };
}
