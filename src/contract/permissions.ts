/**
 * Roles and what they may do, as data. The server checks these coarse permissions on every
 * route; object-level scope (own county, own department, own enterprise) is applied in
 * repositories and module policies.
 */
export const ROLES = ['admin', 'city_officer', 'county_officer', 'department_reporter', 'leading_group', 'enterprise_user'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'reference.read',
  'reference.write',
  'user.read',
  'user.write',
  'audit.read',
  'enterprise.read',
  'enterprise.write',
  'enterprise.propose',
  'inspection.read',
  'inspection.write',
  // Import published result tables (national, provincial notices): city-wide work, not a county's.
  'inspection.import',
  'inspection.respond',
  'brand.read',
  'brand.write',
  'target.read',
  'target.write',
  'target.report',
  'assessment.self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'reference.read',
    'reference.write',
    'user.read',
    'user.write',
    'audit.read',
    'enterprise.read',
    'enterprise.write',
    'inspection.read',
    'inspection.write',
    'inspection.import',
    'brand.read',
    'brand.write',
    'target.read',
    'target.write',
    'target.report',
    'assessment.self',
  ],
  // City and county officers may look up the accounts in their scope (who works where);
  // only the admin creates or changes accounts. County officers keep their county's archive.
  // The leading group's office sits in the city bureau: it keeps the plans and approves reported figures.
  city_officer: [
    'reference.read',
    'user.read',
    'enterprise.read',
    'enterprise.write',
    'inspection.read',
    'inspection.write',
    'inspection.import',
    'brand.read',
    'brand.write',
    'target.read',
    'target.write',
  ],
  county_officer: [
    'reference.read',
    'user.read',
    'enterprise.read',
    'enterprise.write',
    'inspection.read',
    'inspection.write',
    'brand.read',
    'brand.write',
    'target.read',
    'assessment.self',
  ],
  // A department reports the figures of the indicators it owns.
  department_reporter: ['reference.read', 'enterprise.read', 'target.read', 'target.report'],
  // The leading group follows the supervision results; it does not run cases.
  leading_group: ['reference.read', 'enterprise.read', 'inspection.read', 'brand.read', 'target.read'],
  // An enterprise reads its own record (the scope does the rest) and proposes contact changes.
  // … and responds to its published spot-check results.
  enterprise_user: ['reference.read', 'enterprise.read', 'enterprise.propose', 'inspection.respond'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Which scope field a role needs: a region, a department, an enterprise, or none. */
export const ROLE_SCOPE: Record<Role, 'region' | 'department' | 'enterprise' | null> = {
  admin: null,
  city_officer: null,
  county_officer: 'region',
  department_reporter: 'department',
  leading_group: null,
  enterprise_user: 'enterprise',
};
