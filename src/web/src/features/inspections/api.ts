import { useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { Inspection, InspectionDetail, Plan } from '../../../../contract/schemas/inspections';
import { api } from '../../api/client';

export type CaseDetail = Static<typeof InspectionDetail>;
export type { Inspection, Plan };
export interface TestingBody {
  id: string;
  name: string;
  accreditationNo: string;
  active: boolean;
}

export function usePlans() {
  return useQuery({ queryKey: ['inspection-plans'], queryFn: () => api<{ items: Plan[] }>('GET', '/inspection-plans'), select: (d) => d.items });
}

export function useTestingBodies() {
  return useQuery({ queryKey: ['testing-bodies'], queryFn: () => api<{ items: TestingBody[] }>('GET', '/testing-bodies'), select: (d) => d.items, staleTime: 60_000 });
}
