export const stateKey = (s: string) => `inspection.state.${s}`;
export const actionKey = (a: string) => `inspection.action.${a}`;
export const dueKey = (k: string) => `inspection.due.${k}`;
export const levelKey = (l: string) => `inspection.level.${l}`;
export const placeKey = (p: string) => `inspection.place.${p}`;
export const checkTypeKey = (c: string) => `inspection.checkType.${c}`;

/** Tag colours of case states: open work orange, unqualified red, done green or grey. */
export function stateColor(state: string): string {
  if (state === 'qualified' || state === 'closed') return 'green';
  if (
    state === 'refused' ||
    state === 'refusal_warned' ||
    state === 'licence_revoked' ||
    state === 'final_unqualified' ||
    state === 'unqualified'
  )
    return 'red';
  if (state === 'sampled') return 'blue';
  return 'orange';
}
