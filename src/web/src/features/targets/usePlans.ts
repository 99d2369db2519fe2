import { useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { TargetPlan } from '../../../../contract/schemas/targets';
import { listTargetPlans } from './api';

type Plan = Static<typeof TargetPlan>;

/**
 * The target plans, the one running this year (else the latest), and the year a page opens on:
 * last year, whose figures can be complete, held within the plan's years.
 */
export function usePlans() {
  const plans = useQuery({ queryKey: ['target-plans'], queryFn: listTargetPlans });
  const thisYear = new Date().getFullYear();
  const current = plans.data?.items.find((p) => p.startYear <= thisYear && thisYear <= p.endYear) ?? plans.data?.items[0];
  const openingYear = (plan: Plan | undefined) => (plan ? Math.min(plan.endYear, Math.max(plan.startYear, thisYear - 1)) : thisYear - 1);
  return { plans, current, openingYear };
}
