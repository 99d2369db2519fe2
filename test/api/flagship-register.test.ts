import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/authz/actor';
import { migrateToLatest } from '../../src/server/db/migrate';
import * as flagshipRegister from '../../src/server/db/migrations/2026120760_flagship_register';
import { bool } from '../../src/server/db/portable';
import { openAuditKeyring } from '../../src/server/modules/audit/audit.service';
import { seedArchive } from '../../src/server/modules/enterprises/seed';
import { makeUscc } from '../../src/server/lib/uscc';
import { testApp, type Agent, type TestApp } from '../helpers/app';
import { emptyDb } from '../helpers/db';

const today = new Date().toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4)) - 1;

/**
 * 标志性企业 has one source of truth, the yearly register: the archive's flag, the flagship tab
 * and IND-FLAG all read it, and the archive cannot set the flag beside it.
 */
describe('the flagship register is the one source of 标志性企业', () => {
  let t: TestApp;
  let city: Agent;
  const firms: string[] = [];
  beforeAll(async () => {
    t = await testApp();
    city = await t.as('city_officer');
    for (const i of [1, 2]) {
      const e = (
        await city.request('POST', '/api/v1/enterprises', {
          uscc: makeUscc('91', '431002', `MA4F000${i}`),
          name: `郴州市名单测试${i === 1 ? '甲' : '乙'}有限公司`,
          regionCode: '431002',
          industryCode: 'nonferrous',
        })
      ).json();
      firms.push(e.id);
    }
  });
  afterAll(() => t.close());

  /** What the archive, the tab and the indicator say for a year. */
  async function sources(year: number) {
    const plan = (await city.request('GET', '/api/v1/target-plans')).json().items[0];
    const dashboard = (await city.request('GET', `/api/v1/target-plans/${plan.id}/dashboard?year=${year}`)).json();
    return {
      archive: (await city.request('GET', '/api/v1/enterprises?flagship=true'))
        .json()
        .items.map((e: { id: string }) => e.id)
        .sort(),
      tab: (await city.request('GET', `/api/v1/flagships?year=${year}`))
        .json()
        .items.map((f: { enterpriseId: string }) => f.enterpriseId)
        .sort(),
      indicator: dashboard.rows.find((r: { indicator: { code: string } }) => r.indicator.code === 'IND-FLAG').value,
    };
  }

  it('the archive does not set the flag: create and update with flagship are refused', async () => {
    const created = await city.request('POST', '/api/v1/enterprises', {
      uscc: makeUscc('91', '431002', 'MA4F0009'),
      name: '郴州市名单测试丙有限公司',
      regionCode: '431002',
      industryCode: 'nonferrous',
      flagship: true,
    });
    expect([created.statusCode, created.json().error.code]).toEqual([400, 'validation_failed']);
    const updated = await city.request('PATCH', `/api/v1/enterprises/${firms[0]}`, { version: 1, flagship: true });
    expect([updated.statusCode, updated.json().error.code]).toEqual([400, 'validation_failed']);
    expect(await sources(YEAR)).toEqual({ archive: [], tab: [], indicator: 0 });
  });

  it('listed through the register, the archive, the tab and IND-FLAG agree; the flag follows the latest list', async () => {
    const add = (enterpriseId: string, year: number) =>
      city.request('POST', '/api/v1/flagships', { enterpriseId, year, designatedOn: today, overrideReason: '市政府常务会议研究列入' });
    expect((await add(firms[0]!, YEAR)).statusCode).toBe(201);
    expect(await sources(YEAR)).toEqual({ archive: [firms[0]], tab: [firms[0]], indicator: 1 });
    expect((await city.request('GET', `/api/v1/enterprises/${firms[0]}`)).json().flagship).toBe(true);
    // Next year's list names only the second: the archive flag moves to it; last year's list and count stay.
    expect((await add(firms[1]!, YEAR + 1)).statusCode).toBe(201);
    expect(await sources(YEAR + 1)).toEqual({ archive: [firms[1]], tab: [firms[1]], indicator: 1 });
    expect((await sources(YEAR)).tab).toEqual([firms[0]]);
    const removed = (await city.request('GET', `/api/v1/flagships?year=${YEAR + 1}`)).json().items[0];
    expect(
      (await city.request('DELETE', `/api/v1/flagships/${removed.id}`, { reason: '名单调整', version: removed.version })).statusCode,
    ).toBe(204);
    // With next year's list empty, the latest list is last year's again.
    expect(await sources(YEAR)).toEqual({ archive: [firms[0]], tab: [firms[0]], indicator: 1 });
  });
});

describe('migration 2026120760: archive flags move into the register', () => {
  it('puts every flagged enterprise on the latest list and sets the flag from it', async () => {
    const db = await emptyDb();
    try {
      // Today's schema with the data as it stood before: the seed writes what later migrations added.
      await migrateToLatest(db.kysely);
      await openAuditKeyring(db.kysely, path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qc-flag-')), 'audit.key'));
      await seedArchive(db.kysely, systemActor('cli'), { enterprises: 30, seed: 9, details: false, lastYear: 2025 });
      const all = await db.kysely.selectFrom('enterprises').select(['id', 'region_code']).orderBy('id').execute();
      // Three flagged by hand in the archive; one of them already on the 2025 list, and a fourth on the list unflagged.
      const flagged = all.slice(0, 3).map((e) => e.id);
      await db.kysely
        .updateTable('enterprises')
        .set({ flagship: bool(true) })
        .where('id', 'in', flagged)
        .execute();
      const now = new Date().toISOString();
      for (const e of [all[0]!, all[3]!]) {
        await db.kysely
          .insertInto('flagship_designations')
          .values({
            id: `f-${e.id}`,
            enterprise_id: e.id,
            region_code: e.region_code,
            year: 2025,
            designated_on: '2025-03-01',
            note: '',
            override: null,
            deleted_at: null,
            deleted_by: null,
            delete_reason: null,
            version: 1,
            created_at: now,
            updated_at: now,
            created_by: null,
          })
          .execute();
      }
      await flagshipRegister.up(db.kysely);
      const listed = await db.kysely
        .selectFrom('flagship_designations')
        .select(['enterprise_id', 'override'])
        .where('year', '=', 2025)
        .where('deleted_at', 'is', null)
        .execute();
      expect(listed.map((l) => l.enterprise_id).sort()).toEqual([...flagged, all[3]!.id].sort());
      expect(
        listed
          .filter((l) => l.override?.includes('迁入'))
          .map((l) => l.enterprise_id)
          .sort(),
      ).toEqual(flagged.slice(1).sort());
      const nowFlagged = await db.kysely.selectFrom('enterprises').select('id').where('flagship', '=', bool(true)).execute();
      expect(nowFlagged.map((e) => e.id).sort()).toEqual([...flagged, all[3]!.id].sort());
    } finally {
      await db.drop();
    }
  });
});
