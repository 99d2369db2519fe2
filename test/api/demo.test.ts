import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATES } from '../../src/contract/schemas/inspections';
import { systemActor } from '../../src/server/authz/actor';
import { seedDemo } from '../../src/server/demo';
import { addMonths, today } from '../../src/server/lib/dates';
import { testApp, type TestApp } from '../helpers/app';

/** The demo a fresh database starts with (QC_DEMO): every module shows work on today's dates. */
describe('the demo data', () => {
  let t: TestApp;
  const now = today();
  const year = Number(now.slice(0, 4));
  beforeAll(async () => {
    t = await testApp();
    await seedDemo(t.db, t.services, t.config, systemActor('system'), 2000);
  }, 120_000);
  afterAll(() => t.close());

  it('has a plan for the running years, and every indicator of its dashboard has a value for the year the console opens on', async () => {
    const city = await t.as('city_officer');
    const plans = (await city.request('GET', '/api/v1/target-plans')).json().items as { id: string; startYear: number; endYear: number }[];
    const running = plans.find((p) => p.startYear <= year && year <= p.endYear)!;
    expect(running).toBeDefined();
    // The console's choice (TargetsPage): last year, within the plan.
    const shown = Math.min(running.endYear, Math.max(running.startYear, year - 1));
    const d = (await city.request('GET', `/api/v1/target-plans/${running.id}/dashboard?year=${shown}`)).json();
    expect(d.rows.length).toBeGreaterThanOrEqual(25);
    const empty = d.rows
      .filter((r: { value: number | null }) => r.value === null)
      .map((r: { indicator: { code: string } }) => r.indicator.code);
    expect(empty).toEqual([]);
    // Every county reported: the city's reported figures are complete.
    const reported = d.rows.filter((x: { reported?: unknown }) => x.reported);
    expect(reported.length).toBeGreaterThan(0);
    for (const r of reported) expect(r.reported.complete).toBe(true);
  });

  it('lists flagships on the register, which the archive flag follows', async () => {
    const city = await t.as('city_officer');
    const archive = (await city.request('GET', '/api/v1/enterprises?flagship=true&limit=500')).json();
    const list = (await city.request('GET', `/api/v1/flagships?year=${year}`)).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(archive.items.map((e: { id: string }) => e.id).sort()).toEqual(
      list.items.map((f: { enterpriseId: string }) => f.enterpriseId).sort(),
    );
  });

  it('has spot-check cases in every state, some overdue, and published results', async () => {
    const states = await t.db.kysely.selectFrom('inspections').select('state').distinct().execute();
    expect(states.map((s) => s.state).sort()).toEqual([...CASE_STATES].sort());
    const city = await t.as('city_officer');
    const board = (await city.request('GET', '/api/v1/inspections/board')).json();
    expect(board.items.some((e: { overdue: boolean }) => e.overdue)).toBe(true);
    const published = (await t.anonymous('GET', '/api/v1/public/inspections')).json();
    expect(published.items.length).toBeGreaterThan(0);
  });

  it('has honours due for review next month, and no certificate number that says demo or fake', async () => {
    const next = addMonths(`${now.slice(0, 8)}01`, 1);
    const due = await t.db.kysely
      .selectFrom('honours')
      .select('id')
      .where('next_review_on', '>=', next)
      .where('next_review_on', '<', addMonths(next, 1))
      .execute();
    expect(due.length).toBeGreaterThan(0);
    const numbers = await t.db.kysely.selectFrom('honours').select('certificate_no').execute();
    expect(numbers.filter((h) => /DEMO|FAKE/i.test(h.certificate_no))).toEqual([]);
    const certs = await t.db.kysely.selectFrom('certifications').select('certificate_no').execute();
    expect(certs.filter((h) => /DEMO|FAKE/i.test(h.certificate_no))).toEqual([]);
  });

  it("fills the brand tabs: cultivations at several stages (one 认定, one open), this year's rewards, and key projects with one selected", async () => {
    const city = await t.as('city_officer');
    const cultivations = (await city.request('GET', '/api/v1/cultivations')).json().items as { stage: string; honourId: string | null }[];
    const stages = new Set(cultivations.map((c) => c.stage));
    expect(stages.size).toBeGreaterThanOrEqual(2);
    expect(cultivations.find((c) => c.stage === 'granted')?.honourId).toBeTruthy();
    expect(cultivations.some((c) => !['granted', 'rejected'].includes(c.stage))).toBe(true);
    const rules = (await city.request('GET', '/api/v1/reward-rules')).json().items;
    expect(rules.length).toBeGreaterThan(0);
    const rewards = (await city.request('GET', `/api/v1/rewards?year=${year}`)).json();
    expect(rewards.items.length).toBeGreaterThanOrEqual(1);
    expect(rewards.items.some((r: { status: string }) => r.status === 'approved')).toBe(true);
    const projects = (await city.request('GET', `/api/v1/key-projects?year=${year}`)).json();
    expect(projects.items.length).toBeGreaterThanOrEqual(1);
    expect(projects.totals.selected.projects).toBe(1);
    // Through the services: every step is audited.
    const audited = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .distinct()
      .where('action', 'in', ['cultivation.advance', 'reward.propose', 'key_project.select'])
      .execute();
    expect(audited.length).toBe(3);
  });

  it('has an assessment in progress with county targets for its count items', async () => {
    const city = await t.as('city_officer');
    const schemes = (await city.request('GET', '/api/v1/assessment-schemes')).json().items;
    const open = schemes.find((s: { status: string; year: number }) => s.status === 'open' && s.year === year);
    expect(open).toBeDefined();
    expect(open.countyTargets.length).toBeGreaterThan(0);
    expect(new Set(open.countyTargets.map((c: { regionCode: string }) => c.regionCode)).size).toBe(11);
  });
});
