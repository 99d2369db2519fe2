import type { Actor } from '../../src/server/authz/actor';

/**
 * An actor as the session would build it, for unit tests of pure policies: a county officer reaches
 * its county (no townships are loaded in the seeded tree), other roles are not confined to a region.
 */
export function testActor(role: Actor['role'], scope: Partial<Pick<Actor, 'regionCode' | 'departmentCode' | 'enterpriseId'>> = {}): Actor {
  const regionCode = scope.regionCode ?? null;
  return {
    id: 'u1',
    username: 'u',
    role,
    regionCode,
    regions: role === 'county_officer' ? (regionCode ? [regionCode] : []) : null,
    departmentCode: scope.departmentCode ?? null,
    enterpriseId: scope.enterpriseId ?? null,
    ip: null,
  };
}
