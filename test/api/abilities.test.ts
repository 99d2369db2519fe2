import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Agent, type TestApp } from '../helpers/app';

const CY = Number(new Date().toISOString().slice(0, 4));
const NO_FIGURE = { edit: false, submit: false, approve: false, return: false, unlock: false };
const NO_COUNTY = { file: false, selfAssess: false, review: false, decide: false };

/** The abilities a county officer's county assessment and reported figures carry, beside the office's and the reporter's. */
describe('abilities on county assessments and reported values', () => {
  let t: TestApp;
  let city: Agent;
  let beihu: Agent;
  let housing: Agent;

  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    beihu = await t.as('county_officer', 'beihu-ab', { regionCode: '431002' });
    housing = await t.as('department_reporter', 'housing-ab', { departmentCode: 'housing' });
  });
  afterAll(() => t.close());

  it('a county assessment: the county files and assesses itself, the office reviews; the scheme is the office’s', async () => {
    const planId = (await city.request('GET', '/api/v1/target-plans')).json().items[0].id;
    const items = [
      { code: 'W1', name: '质量兴县工作方案', kind: 'work', points: 60 },
      { code: 'W2', name: '质量培训', kind: 'work', points: 40 },
    ];
    const draft = (await city.request('POST', '/api/v1/assessment-schemes', { year: CY, planId, name: '考评', items })).json();
    expect(draft.abilities).toEqual({ edit: true, open: true, finalise: false });
    expect((await beihu.request('GET', `/api/v1/assessment-schemes/${draft.id}`)).json().abilities).toEqual({
      edit: false,
      open: false,
      finalise: false,
    });
    const opened = (await city.request('POST', `/api/v1/assessment-schemes/${draft.id}/open`, { version: draft.version })).json();
    expect(opened.abilities).toEqual({ edit: false, open: false, finalise: true });

    const results = (await beihu.request('GET', `/api/v1/assessment-schemes/${draft.id}/results`)).json();
    expect(results.scheme.abilities).toEqual({ edit: false, open: false, finalise: false });
    // Before the scheme is final a county officer sees their own county only.
    expect(results.counties.map((c: { regionCode: string }) => c.regionCode)).toEqual(['431002']);
    const mine = results.counties[0];
    expect(mine.abilities).toEqual({ ...NO_COUNTY, file: true });
    expect((await city.request('GET', `/api/v1/county-assessments/${mine.id}`)).json().abilities).toEqual(NO_COUNTY);

    const filed = (await beihu.request('POST', `/api/v1/county-assessments/${mine.id}/filing`, { version: mine.version })).json();
    expect(filed.abilities).toEqual({ ...NO_COUNTY, selfAssess: true });
    expect((await city.request('GET', `/api/v1/county-assessments/${mine.id}`)).json().abilities).toEqual({ ...NO_COUNTY, review: true });
    const self = (
      await beihu.request('POST', `/api/v1/county-assessments/${mine.id}/self-assessment`, {
        scores: [],
        submit: true,
        version: filed.version,
      })
    ).json();
    expect(self.abilities).toEqual(NO_COUNTY);
  });

  it('a reported figure: the department enters and submits it, the office decides it, the county officer reads it', async () => {
    const period = String(CY);
    const saved = (
      await housing.request('PUT', '/api/v1/reported-values', {
        indicatorCode: 'CON-FIRSTPASS',
        regionCode: '431002',
        period,
        numerator: 48,
        denominator: 50,
      })
    ).json();
    expect(saved.abilities).toEqual({ ...NO_FIGURE, edit: true, submit: true });
    const seen = (await beihu.request('GET', `/api/v1/reported-values?period=${period}`)).json().items;
    expect(seen.map((v: { id: string }) => v.id)).toEqual([saved.id]);
    expect(seen[0].abilities).toEqual(NO_FIGURE);
    const task = (await beihu.request('GET', `/api/v1/reported-values/tasks?period=${period}`))
      .json()
      .tasks.find((x: { indicatorCode: string }) => x.indicatorCode === 'CON-FIRSTPASS');
    expect(task).toMatchObject({ regionCode: '431002', status: 'draft', valueId: saved.id, abilities: { edit: false, submit: false } });
    const mineTask = (await housing.request('GET', `/api/v1/reported-values/tasks?period=${period}`)).json().tasks;
    // Beside the figure entered, one not yet entered: to be entered, not yet submitted.
    expect(mineTask.find((x: { valueId: string | null }) => x.valueId === saved.id).abilities).toEqual({ edit: true, submit: true });
    expect(mineTask.find((x: { valueId: string | null }) => x.valueId === null).abilities).toEqual({ edit: true, submit: false });

    const submitted = (await housing.request('POST', `/api/v1/reported-values/${saved.id}/submit`, { version: saved.version })).json();
    expect(submitted.abilities).toEqual(NO_FIGURE);
    const queued = (await city.request('GET', `/api/v1/reported-values?period=${period}`)).json().items[0];
    expect(queued.abilities).toEqual({ ...NO_FIGURE, approve: true, return: true });
    const approved = (
      await city.request('POST', `/api/v1/reported-values/${saved.id}/decision`, { decision: 'approve', version: queued.version })
    ).json();
    expect(approved.abilities).toEqual({ ...NO_FIGURE, unlock: true });
    expect((await beihu.request('GET', `/api/v1/reported-values?period=${period}`)).json().items[0].abilities).toEqual(NO_FIGURE);
  });
});
