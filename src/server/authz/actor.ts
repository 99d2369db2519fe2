import type { Role } from '../../contract/permissions';

/** Who performs a service call: a signed-in user, or the system itself (CLI, start-up). */
export interface Actor {
  id: string | null;
  username: string;
  role: Role | 'system';
  regionCode: string | null;
  /**
   * The regions the actor's lists and records are confined to: the region of a county officer and
   * every region below it (townships where a bureau loads them); null for roles not confined to a region.
   */
  regions: readonly string[] | null;
  departmentCode: string | null;
  enterpriseId: string | null;
  ip: string | null;
}

export function systemActor(name: 'system' | 'cli'): Actor {
  return { id: null, username: name, role: 'system', regionCode: null, regions: null, departmentCode: null, enterpriseId: null, ip: null };
}
