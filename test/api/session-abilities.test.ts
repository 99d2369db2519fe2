import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/contract/permissions';
import { testApp, type TestApp } from '../helpers/app';

/** The console decides city-level actions from these, never from the role: the server's policies answer. */
describe('the signed-in user’s abilities', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  // Hand-worked: only a county officer (a region) and an enterprise user (an enterprise) are confined;
  // testing bodies are registered by the city's own staff.
  const expected = {
    admin: { cityWide: true, registerTestingBodies: true },
    city_officer: { cityWide: true, registerTestingBodies: true },
    county_officer: { cityWide: false, registerTestingBodies: false },
    department_reporter: { cityWide: true, registerTestingBodies: false },
    leading_group: { cityWide: true, registerTestingBodies: false },
    enterprise_user: { cityWide: false, registerTestingBodies: false },
  } as const;

  it.each(ROLES)('%s', async (role) => {
    const agent = await t.as(role);
    const me = (await agent.request('GET', '/api/v1/auth/me')).json();
    expect(me.user.abilities).toEqual(expected[role]);
  });
});
