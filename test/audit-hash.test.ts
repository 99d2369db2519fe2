import { describe, expect, it } from 'vitest';
import type { AuditKey } from '../src/server/modules/audit/audit-keys';
import { hashEvent, macEvent } from '../src/server/modules/audit/audit.repository';

/**
 * What an audit event's hash covers, without a database: every stored field but the hash itself.
 * A field left out of the hash could be changed with no trace (the chain check only compares
 * prev_hash, so prev_hash itself must be hashed too, or the events after a rewritten one could be
 * re-linked to it without recomputing anything).
 */
describe('the audit hash', () => {
  const event = {
    seq: 2,
    id: '01900000-0000-7000-8000-000000000002',
    at: '2026-12-01T08:00:00.000Z',
    actor_id: '01900000-0000-7000-8000-0000000000aa',
    actor_name: '张三',
    action: 'enterprise.update',
    subject_type: 'enterprise',
    subject_id: '01900000-0000-7000-8000-0000000000bb',
    before: '{"phone":"0735-1"}',
    after: '{"phone":"0735-2"}',
    ip: '10.0.0.1',
    prev_hash: 'a'.repeat(64),
  };
  const key: AuditKey = { id: 'k1', secret: Buffer.alloc(32, 7), createdAt: '2026-12-01T00:00:00.000Z' };
  const other = {
    seq: 3,
    id: '01900000-0000-7000-8000-000000000003',
    at: '2026-12-01T08:00:00.001Z',
    actor_id: null,
    actor_name: '李四',
    action: 'enterprise.create',
    subject_type: 'user',
    subject_id: null,
    before: null,
    after: '{"phone":"0735-3"}',
    ip: null,
    prev_hash: 'b'.repeat(64),
  } as const;

  it('an unkeyed event: SHA-256 of the fields in their fixed order (the sealed legacy chains depend on these bytes)', () => {
    // SHA-256 of the JSON array [seq, id, at, actor_id, actor_name, action, subject_type, subject_id, before, after, ip,
    // prev_hash] = [2,"01900000-…-0002","2026-12-01T08:00:00.000Z",…,"10.0.0.1","aaa…a"], worked out apart from the code.
    expect(hashEvent(event)).toBe('431d21a0097571e425a4a338046dfa98848d5013b5b9f3a9e6a353ad8f1ed4f5');
  });

  it('changes with every field, prev_hash included', () => {
    const base = hashEvent(event);
    for (const field of Object.keys(other) as (keyof typeof other)[]) {
      expect(hashEvent({ ...event, [field]: other[field] }), field).not.toBe(base);
    }
  });

  it('a keyed event: its HMAC changes with every field, the key id included, and with the key', () => {
    const keyed = { ...event, key_id: 'k1' };
    const base = macEvent(key, keyed);
    for (const field of Object.keys(other) as (keyof typeof other)[]) {
      expect(macEvent(key, { ...keyed, [field]: other[field] }), field).not.toBe(base);
    }
    expect(macEvent(key, { ...keyed, key_id: 'k2' })).not.toBe(base);
    expect(macEvent({ ...key, secret: Buffer.alloc(32, 8) }, keyed)).not.toBe(base);
    expect(base).not.toBe(hashEvent(event));
  });
});
