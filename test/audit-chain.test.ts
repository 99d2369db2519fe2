import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../src/server/authz/actor';
import { readKeyFile, rotateKeyFile, type AuditKey } from '../src/server/modules/audit/audit-keys';
import { GENESIS_HASH, hashEvent, macEvent, verifyAuditChain } from '../src/server/modules/audit/audit.repository';
import { openAuditKeyring, recordAudit } from '../src/server/modules/audit/audit.service';
import { migratedDb, type TestDb } from './helpers/db';

/**
 * The keyed audit chain on a real database: what each kind of tampering looks like to
 * verifyAuditChain, and what a writer without the key cannot hide.
 */
describe('the keyed audit chain', () => {
  let db: TestDb;
  let dir: string;
  let keyFile: string;
  const actor = { ...systemActor('cli'), ip: '10.0.0.1' };
  const write = (n: number, from = 1) =>
    db.kysely.transaction().execute(async (trx) => {
      for (let i = from; i < from + n; i++)
        await recordAudit(trx, actor, 'test.write', { type: 'thing', id: `t${i}` }, { n: i - 1 }, { n: i });
    });
  const verify = () => verifyAuditChain(db.kysely, readKeyFile(keyFile));
  const events = () => db.kysely.selectFrom('audit_events').selectAll().orderBy('seq').execute();

  beforeEach(async () => {
    db = await migratedDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-audit-'));
    keyFile = path.join(dir, 'audit.keys');
  });
  afterEach(async () => {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keys every event, signs the head, and verifies', async () => {
    const ring = await openAuditKeyring(db.kysely, keyFile);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    await write(3);
    const rows = await events();
    expect(rows.map((r) => r.key_id)).toEqual([ring.current.id, ring.current.id, ring.current.id]);
    // The stored hash is the HMAC, not the plain SHA-256 a writer without the key could compute.
    expect(rows[0]!.hash).not.toBe(hashEvent({ ...rows[0]!, seq: 1 }));
    const check = await verify();
    expect(check).toMatchObject({ ok: true, checked: 3, keyed: 3, firstBroken: null, headProblem: null, withKeys: true });
    expect(check.head).toEqual({ seq: 3, eventId: rows[2]!.id, hash: rows[2]!.hash, keyId: ring.current.id });
  });

  it('a head signed for an earlier event, put back over a longer chain, does not name the newest event: mismatch', async () => {
    await openAuditKeyring(db.kysely, keyFile);
    await write(2);
    const headOfTwo = await db.kysely.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    await write(1, 3);
    await db.kysely.updateTable('audit_head').set(headOfTwo).execute();
    // Every event fits and the head's signature is good; it names seq 2 while the chain ends at 3.
    expect(await verify()).toMatchObject({ ok: false, firstBroken: null, checked: 3, headProblem: 'mismatch' });
  });

  it('a write without a loaded key fails instead of leaving an unkeyed event', async () => {
    await expect(write(1)).rejects.toThrow(/audit key not loaded/);
    expect(await events()).toEqual([]);
  });

  it('detects the removal of the newest event; a later write leaves the gap in view and a forged head is refused', async () => {
    await openAuditKeyring(db.kysely, keyFile);
    await write(3);
    const third = (await events())[2]!;
    await db.kysely.deleteFrom('audit_events').where('seq', '=', 3).execute();
    expect(await verify()).toMatchObject({ ok: false, firstBroken: null, headProblem: 'events_removed', checked: 2 });
    // Moving the head back by hand needs the key to sign it; writes stop rather than sign over it.
    const second = (await events())[1]!;
    const head = await db.kysely.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    await db.kysely.updateTable('audit_head').set({ seq: 2, event_id: second.id, hash: second.hash }).execute();
    expect((await verify()).headProblem).toBe('bad_signature');
    await expect(write(1, 4)).rejects.toThrow(/head is missing or not signed/);
    // And without a head at all.
    await db.kysely.deleteFrom('audit_head').execute();
    expect((await verify()).headProblem).toBe('missing');
    await expect(write(1, 4)).rejects.toThrow(/head is missing or not signed/);
    // With the signed head left alone, the next event follows it: seq 4 after the removed 3, a gap no one can close without the key.
    await db.kysely.insertInto('audit_head').values(head).execute();
    await write(1, 4);
    const after = await verify();
    expect(after.firstBroken).toMatchObject({ seq: 4, reason: 'sequence_gap' });
    expect((await events()).at(-1)).toMatchObject({ seq: 4, prev_hash: third.hash });
  });

  it('detects a change to every hashed field, and to the hash itself', async () => {
    await openAuditKeyring(db.kysely, keyFile);
    await write(3);
    const target = (await events())[1]!;
    const changes: [string, Record<string, unknown>, string][] = [
      ['seq', { seq: 7 }, 'sequence_gap'],
      ['id', { id: '01900000-0000-7000-8000-000000000000' }, 'hash_mismatch'],
      ['at', { at: '2020-01-01T00:00:00.000Z' }, 'hash_mismatch'],
      ['actor_id', { actor_id: 'someone' }, 'hash_mismatch'],
      ['actor_name', { actor_name: 'someone' }, 'hash_mismatch'],
      ['action', { action: 'test.other' }, 'hash_mismatch'],
      ['subject_type', { subject_type: 'other' }, 'hash_mismatch'],
      ['subject_id', { subject_id: 'other' }, 'hash_mismatch'],
      ['before', { before: '{"n":9}' }, 'hash_mismatch'],
      ['after', { after: null }, 'hash_mismatch'],
      ['ip', { ip: '10.9.9.9' }, 'hash_mismatch'],
      ['prev_hash', { prev_hash: GENESIS_HASH }, 'chain_broken'],
      ['key_id', { key_id: 'feedbeef' }, 'unknown_key'],
      ['key_id', { key_id: null }, 'not_keyed'],
      ['hash', { hash: 'f'.repeat(64) }, 'hash_mismatch'],
    ];
    for (const [field, change, reason] of changes) {
      await db.kysely.updateTable('audit_events').set(change).where('id', '=', target.id).execute();
      const check = await verify();
      expect(check.ok, field).toBe(false);
      expect(check.firstBroken, field).toMatchObject({ seq: field === 'seq' ? 3 : 2, reason: field === 'seq' ? 'sequence_gap' : reason });
      const { hash: _h, ...original } = target;
      await db.kysely
        .updateTable('audit_events')
        .set({ ...original, hash: target.hash })
        .where('id', '=', String(change.id ?? target.id))
        .execute();
      expect((await verify()).ok, `${field} restored`).toBe(true);
    }
    // The newest event's hash: the chain has nothing after it, the signed head does.
    const newest = (await events())[2]!;
    await db.kysely
      .updateTable('audit_events')
      .set({ hash: 'e'.repeat(64) })
      .where('seq', '=', 3)
      .execute();
    expect((await verify()).firstBroken).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
    await db.kysely.updateTable('audit_events').set({ hash: newest.hash }).where('seq', '=', 3).execute();
  });

  it('a broken prev_hash is named at its event', async () => {
    await openAuditKeyring(db.kysely, keyFile);
    await write(4);
    await db.kysely
      .updateTable('audit_events')
      .set({ prev_hash: 'a'.repeat(64) })
      .where('seq', '=', 3)
      .execute();
    const check = await verify();
    expect(check.firstBroken).toMatchObject({ seq: 3, reason: 'chain_broken' });
    expect(check.checked).toBe(2);
  });

  it('a rewrite with every later hash recomputed is caught without the key, however it is recomputed', async () => {
    await openAuditKeyring(db.kysely, keyFile);
    await write(4);
    const original = await events();
    const rewrite = async (hashOf: (row: (typeof original)[number]) => { hash: string; key_id: string | null }) => {
      let prev = original[0]!.hash;
      for (const row of original.slice(1)) {
        const edited = { ...row, seq: Number(row.seq), prev_hash: prev, after: row.seq === 2 ? '{"n":"forged"}' : row.after };
        const { hash, key_id } = hashOf(edited);
        await db.kysely
          .updateTable('audit_events')
          .set({ after: edited.after, prev_hash: prev, hash, key_id })
          .where('id', '=', row.id)
          .execute();
        prev = hash;
      }
      // The writer moves the head too, signing it as best they can.
      const last = (await events()).at(-1)!;
      await db.kysely
        .updateTable('audit_head')
        .set({ hash: last.hash, key_id: last.key_id ?? 'x', mac: 'b'.repeat(64) })
        .execute();
      return verify();
    };
    // Plain SHA-256, as before keying: unkeyed events after keying began.
    expect((await rewrite((r) => ({ hash: hashEvent(r), key_id: null }))).firstBroken).toMatchObject({ seq: 2, reason: 'not_keyed' });
    // Plain SHA-256 under the real key id.
    const ring = readKeyFile(keyFile)!;
    expect((await rewrite((r) => ({ hash: hashEvent(r), key_id: ring.current.id }))).firstBroken).toMatchObject({
      seq: 2,
      reason: 'hash_mismatch',
    });
    // An HMAC with a key of the writer's own under the real id.
    const guess: AuditKey = { id: ring.current.id, secret: Buffer.alloc(32, 7), createdAt: ring.current.createdAt };
    expect((await rewrite((r) => ({ hash: macEvent(guess, { ...r, key_id: guess.id }), key_id: guess.id }))).firstBroken).toMatchObject({
      seq: 2,
      reason: 'hash_mismatch',
    });
  });

  it('keeps events from before keying verifiable, sealed in the key file, and catches a downgrade', async () => {
    // Two events written the old way, before this version: plain SHA-256, no key.
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const row = {
        id: `0190000${seq}-0000-7000-8000-000000000000`,
        seq,
        at: '2026-01-01T00:00:00.000Z',
        actor_id: null,
        actor_name: 'cli',
        action: 'old.write',
        subject_type: 'thing',
        subject_id: `o${seq}`,
        before: null,
        after: `{"n":${seq}}`,
        ip: null,
        prev_hash: prev,
      };
      prev = hashEvent(row);
      await db.kysely
        .insertInto('audit_events')
        .values({ ...row, hash: prev, key_id: null })
        .execute();
    }
    expect(await verifyAuditChain(db.kysely, null)).toMatchObject({ ok: true, checked: 2, keyed: 0, withKeys: false });
    const ring = await openAuditKeyring(db.kysely, keyFile);
    expect(ring.legacy).toEqual({ seq: 2, hash: prev });
    expect(fs.readFileSync(keyFile, 'utf8')).toContain(`legacy 2 ${prev}`);
    expect(await verify()).toMatchObject({ ok: true, checked: 2, keyed: 0, headProblem: null });
    await write(2);
    expect(await verify()).toMatchObject({ ok: true, checked: 4, keyed: 2, headProblem: null });

    // Without the key file, the keyed part cannot be vouched for.
    expect((await verifyAuditChain(db.kysely, null)).firstBroken).toMatchObject({ seq: 3, reason: 'unknown_key' });
    // Removing every keyed event and the head leaves a chain that looks like an old one: the seal in the key file still holds it.
    await db.kysely.deleteFrom('audit_events').where('seq', '>', 2).execute();
    expect((await verify()).headProblem).toBe('events_removed');
    await db.kysely.deleteFrom('audit_head').execute();
    await db.kysely.deleteFrom('audit_events').where('seq', '=', 2).execute();
    expect((await verify()).headProblem).toBe('events_removed');
    // An old event rewritten with a recomputed plain hash no longer matches the seal.
    const old2 = {
      id: '01900002-0000-7000-8000-000000000000',
      seq: 2,
      at: '2026-01-01T00:00:00.000Z',
      actor_id: null,
      actor_name: 'cli',
      action: 'old.write',
      subject_type: 'thing',
      subject_id: 'o2',
      before: null,
      after: '{"n":"forged"}',
      ip: null,
      prev_hash: hashEvent({
        id: '01900001-0000-7000-8000-000000000000',
        seq: 1,
        at: '2026-01-01T00:00:00.000Z',
        actor_id: null,
        actor_name: 'cli',
        action: 'old.write',
        subject_type: 'thing',
        subject_id: 'o1',
        before: null,
        after: '{"n":1}',
        ip: null,
        prev_hash: GENESIS_HASH,
      }),
    };
    await db.kysely
      .insertInto('audit_events')
      .values({ ...old2, hash: hashEvent(old2), key_id: null })
      .execute();
    expect((await verify()).firstBroken).toMatchObject({ seq: 2, reason: 'legacy_mismatch' });
  });

  it('an old event in the middle rewritten with a recomputed plain hash breaks the link to the next one, which the seal does not cover', async () => {
    // Three events written before keying; anyone can recompute a plain SHA-256, so only prev_hash ties them together.
    const old = (seq: number, after: string, prev_hash: string) => ({
      id: `0190000${seq}-0000-7000-8000-000000000000`,
      seq,
      at: '2026-01-01T00:00:00.000Z',
      actor_id: null,
      actor_name: 'cli',
      action: 'old.write',
      subject_type: 'thing',
      subject_id: `o${seq}`,
      before: null,
      after,
      ip: null,
      prev_hash,
    });
    let prev = GENESIS_HASH;
    for (const seq of [1, 2, 3]) {
      const row = old(seq, `{"n":${seq}}`, prev);
      prev = hashEvent(row);
      await db.kysely
        .insertInto('audit_events')
        .values({ ...row, hash: prev, key_id: null })
        .execute();
    }
    await openAuditKeyring(db.kysely, keyFile);
    expect(await verify()).toMatchObject({ ok: true, checked: 3 });
    // Event 2 forged and re-hashed; event 3, the sealed one, is left as it was and still matches the seal.
    const forged = old(2, '{"n":"forged"}', (await events())[0]!.hash);
    await db.kysely
      .updateTable('audit_events')
      .set({ after: forged.after, hash: hashEvent(forged) })
      .where('seq', '=', 2)
      .execute();
    expect(await verify()).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, reason: 'chain_broken' } });
  });

  it('rotation: new events take the new key, old ones verify with theirs; a lost key file is not silently replaced', async () => {
    const first = await openAuditKeyring(db.kysely, keyFile);
    await write(2);
    const second = rotateKeyFile(keyFile);
    expect(second).not.toBe(first.current.id);
    await openAuditKeyring(db.kysely, keyFile);
    await write(2, 3);
    expect((await events()).map((e) => e.key_id)).toEqual([first.current.id, first.current.id, second, second]);
    expect(await verify()).toMatchObject({ ok: true, keyed: 4 });
    // Dropping the old key from the file leaves its events unverifiable.
    fs.writeFileSync(
      keyFile,
      fs
        .readFileSync(keyFile, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith(`key ${first.current.id}`))
        .join('\n'),
    );
    expect((await verify()).firstBroken).toMatchObject({ seq: 1, reason: 'unknown_key' });
    // No key file at all: the server refuses to start with a new one over keyed events.
    fs.rmSync(keyFile);
    await expect(openAuditKeyring(db.kysely, keyFile)).rejects.toThrow(
      /audit key file .* is missing, but the database holds keyed audit events/,
    );
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('a bad key file is refused with its line', async () => {
    fs.writeFileSync(keyFile, `legacy 0 ${GENESIS_HASH}\nkey ab12 2026-12-07T00:00:00.000Z c2hvcnQ=\n`);
    await expect(openAuditKeyring(db.kysely, keyFile)).rejects.toThrow(
      /line 2: expected "key <id> <ISO instant> <base64 secret of at least 16 bytes>"/,
    );
  });
});
