import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/authz/actor';
import { makeUscc } from '../../src/server/lib/uscc';
import { NAMED_SUBJECT_TYPES, subjectNames } from '../../src/server/modules/audit/audit.repository';
import { rolesExcept, testApp, type Agent, type TestApp } from '../helpers/app';

describe('audit log', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => {
    t = await testApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  const count = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('401 without a session; 403 for every role but admin', async () => {
    expect((await t.anonymous('GET', '/api/v1/audit/events')).statusCode).toBe(401);
    for (const role of rolesExcept('admin')) {
      const res = await (await t.as(role)).request('GET', '/api/v1/audit/events');
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('400 for a bad filter or cursor', async () => {
    for (const q of ['from=2026-13-01', 'from=yesterday', 'after=abc', 'limit=501', 'colour=red']) {
      const res = await admin.request('GET', `/api/v1/audit/events?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('a write produces exactly one event, with actor, ip and before/after, and no password hash', async () => {
    const before = await count();
    const res = await admin.request('POST', '/api/v1/users', { username: 'audited', displayName: '审计对象', role: 'leading_group' });
    expect(res.statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
    const id = res.json().user.id;
    const events = (await admin.request('GET', `/api/v1/audit/events?subjectType=user&subjectId=${id}`)).json();
    expect(events.meta.total).toBe(1);
    const e = events.items[0];
    expect(e).toMatchObject({
      action: 'user.create',
      actorId: admin.userId,
      subjectType: 'user',
      subjectId: id,
      before: null,
      ip: '127.0.0.1',
    });
    expect(e.after).toMatchObject({ username: 'audited', role: 'leading_group' });
    expect(JSON.stringify(e)).not.toContain('argon2');
  });

  it('names each subject as people know it, not by type and id', async () => {
    const firm = (
      await admin.request('POST', '/api/v1/enterprises', {
        uscc: makeUscc('91', '431002', 'MA4N0001'),
        name: '郴州市审计名称有限公司',
        regionCode: '431002',
        industryCode: 'nonferrous',
      })
    ).json();
    const product = (await admin.request('POST', `/api/v1/enterprises/${firm.id}/products`, { name: '铅锭' })).json();
    const named = async (type: string, id: string) =>
      (await admin.request('GET', `/api/v1/audit/events?subjectType=${type}&subjectId=${id}`)).json().items[0].subjectName;
    expect(await named('enterprise', firm.id)).toBe('郴州市审计名称有限公司');
    expect(await named('products', product.id)).toBe('郴州市审计名称有限公司 · 铅锭');
    const user = (await admin.request('GET', '/api/v1/audit/events?subjectType=user&action=user.create')).json().items[0];
    expect(user.subjectName).toBe('审计对象（audited）');
    // Every type's name reads on this database (a subject that is gone has none).
    const gone = await subjectNames(
      t.db.kysely,
      NAMED_SUBJECT_TYPES.map((type) => ({ type, id: '0192f0c4-0000-7000-8000-00000000dead' })),
    );
    expect(gone.size).toBe(0);
  });

  it('a failed write produces no event and changes nothing', async () => {
    const before = await count();
    const dup = await admin.request('POST', '/api/v1/users', { username: 'audited', displayName: '重复', role: 'leading_group' });
    expect(dup.statusCode).toBe(409);
    const scope = await admin.request('POST', '/api/v1/users', {
      username: 'bad-scope',
      displayName: 'x',
      role: 'county_officer',
      regionCode: '439999',
    });
    expect(scope.statusCode).toBe(400);
    expect(await count()).toBe(before);
    const users = await t.db.kysely.selectFrom('users').select('username').where('username', '=', 'bad-scope').execute();
    expect(users).toEqual([]);
  });

  it('filters by actor and action, newest first, with cursor paging', async () => {
    const officer = await t.as('city_officer', 'pager');
    await officer.request('POST', '/api/v1/auth/logout');
    const mine = (await admin.request('GET', `/api/v1/audit/events?actorId=${officer.userId}`)).json();
    expect(mine.items.map((e: { action: string }) => e.action)).toEqual(['session.logout', 'session.login']);
    const logins = (await admin.request('GET', '/api/v1/audit/events?action=session.login&limit=2')).json();
    expect(logins.items).toHaveLength(2);
    expect(logins.items[0].seq).toBeGreaterThan(logins.items[1].seq);
    const next = (await admin.request('GET', `/api/v1/audit/events?action=session.login&limit=2&after=${logins.meta.nextCursor}`)).json();
    expect(next.items[0].seq).toBeLessThan(logins.items[1].seq);
    expect(logins.meta.total).toBe(next.meta.total);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.request('GET', `/api/v1/audit/events?from=${today}&to=${today}`)).json().meta.total).toBe(await count());
    expect((await admin.request('GET', '/api/v1/audit/events?to=2000-01-01')).json().meta.total).toBe(0);
  });

  it('the hash chain verifies, and names the first event that was tampered with or removed', async () => {
    const ok = await t.services.audit.verify();
    expect(ok).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.checked).toBe(await count());

    await t.services.users.create(systemActor('cli'), { username: 'tamper-1', displayName: 'x', role: 'leading_group' });
    await t.services.users.create(systemActor('cli'), { username: 'tamper-2', displayName: 'x', role: 'leading_group' });
    const target = await t.db.kysely
      .selectFrom('audit_events')
      .select(['seq', 'id', 'after'])
      .orderBy('seq', 'desc')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    const original = target.after!;
    await t.db.kysely
      .updateTable('audit_events')
      .set({ after: original.replace('tamper-1', 'innocent') })
      .where('id', '=', target.id)
      .execute();
    const broken = await t.services.audit.verify();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toEqual({ seq: Number(target.seq), id: target.id, reason: 'hash_mismatch' });
    expect(broken.checked).toBe(Number(target.seq) - 1);

    await t.db.kysely.updateTable('audit_events').set({ after: original }).where('id', '=', target.id).execute();
    expect((await t.services.audit.verify()).ok).toBe(true);
    await t.db.kysely.deleteFrom('audit_events').where('id', '=', target.id).execute();
    const gap = await t.services.audit.verify();
    expect(gap.firstBroken).toMatchObject({ seq: Number(target.seq) + 1, reason: 'sequence_gap' });
  });
});
