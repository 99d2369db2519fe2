import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLE_PERMISSIONS, ROLE_SCOPE, ROLES, type Permission, type Role } from './permissions';

/**
 * Who may do what, written out by hand from the access rules (README, Roles) rather than read back
 * from the table: a permission granted to one role too many, or taken from one, fails here.
 */
const HOLDERS: Record<Permission, Role[]> = {
  'reference.read': ['admin', 'city_officer', 'county_officer', 'department_reporter', 'leading_group', 'enterprise_user'],
  'reference.write': ['admin'],
  'user.read': ['admin', 'city_officer', 'county_officer'],
  'user.write': ['admin'],
  'audit.read': ['admin'],
  'enterprise.read': ['admin', 'city_officer', 'county_officer', 'department_reporter', 'leading_group', 'enterprise_user'],
  'enterprise.write': ['admin', 'city_officer', 'county_officer'],
  'enterprise.propose': ['enterprise_user'],
  'inspection.read': ['admin', 'city_officer', 'county_officer', 'leading_group'],
  'inspection.write': ['admin', 'city_officer', 'county_officer'],
  'inspection.import': ['admin', 'city_officer'],
  'inspection.respond': ['enterprise_user'],
  'brand.read': ['admin', 'city_officer', 'county_officer', 'leading_group'],
  'brand.write': ['admin', 'city_officer', 'county_officer'],
  'target.read': ['admin', 'city_officer', 'county_officer', 'department_reporter', 'leading_group'],
  'target.write': ['admin', 'city_officer'],
  'target.report': ['admin', 'department_reporter'],
  'assessment.self': ['admin', 'county_officer'],
};

describe('roles and permissions', () => {
  it('grants each permission to exactly the roles the access rules name', () => {
    expect(Object.keys(HOLDERS).sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) {
      expect(
        ROLES.filter((role) => can(role, permission)),
        permission,
      ).toEqual(HOLDERS[permission]);
    }
  });

  it('lists no permission twice for a role', () => {
    for (const role of ROLES) expect(new Set(ROLE_PERMISSIONS[role]).size, role).toBe(ROLE_PERMISSIONS[role].length);
  });

  it('scopes a county officer to a region, a reporter to a department, an enterprise user to an enterprise; the others see the city', () => {
    expect(ROLE_SCOPE).toEqual({
      admin: null,
      city_officer: null,
      county_officer: 'region',
      department_reporter: 'department',
      leading_group: null,
      enterprise_user: 'enterprise',
    });
  });
});
