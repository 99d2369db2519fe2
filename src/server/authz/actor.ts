import type { Role } from '../../contract/permissions';

/** Who performs a service call: a signed-in user, or the system itself (CLI, start-up). */
export interface Actor {
  id: string | null;
  username: string;
  role: Role | 'system';
  regionCode: string | null;
  departmentCode: string | null;
  enterpriseId: string | null;
  ip: string | null;
}

export function systemActor(name: 'system' | 'cli'): Actor {
  return { id: null, username: name, role: 'system', regionCode: null, departmentCode: null, enterpriseId: null, ip: null };
}
