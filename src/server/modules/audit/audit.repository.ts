import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { countAndPage } from '../../db/paging';
import { lockAuditChain } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import type { AuditEventTable } from './audit.table';

export const GENESIS_HASH = '0'.repeat(64);

export interface NewAuditEvent {
  actorId: string | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** The hash covers every stored field but itself, in a fixed order. */
export function hashEvent(e: Omit<AuditEventTable, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq, e.id, e.at, e.actor_id, e.actor_name, e.action, e.subject_type, e.subject_id, e.before, e.after, e.ip, e.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const toText = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Appends one event to the hash chain. Call inside the transaction that makes the change. */
export async function appendAuditEvent(trx: Kysely<Database>, event: NewAuditEvent): Promise<void> {
  await lockAuditChain(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row: Omit<AuditEventTable, 'hash'> = {
    id: uuidv7(),
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor_id: event.actorId,
    actor_name: event.actorName,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    before: toText(event.before),
    after: toText(event.after),
    ip: event.ip,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx.insertInto('audit_events').values({ ...row, hash: hashEvent(row) }).execute();
}

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  action?: string;
  fromInstant?: string;
  toInstant?: string;
}

export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { beforeSeq?: number; limit: number },
) {
  let q = db.selectFrom('audit_events');
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.fromInstant) q = q.where('at', '>=', filter.fromInstant);
  if (filter.toInstant) q = q.where('at', '<', filter.toInstant);
  return countAndPage(
    q,
    (filtered) => {
      const newestFirst = filtered.selectAll().orderBy('seq', 'desc');
      return page.beforeSeq === undefined ? newestFirst : newestFirst.where('seq', '<', page.beforeSeq);
    },
    page.limit,
  );
}

/** The newest events about any of these subjects (ids are unique across kinds), newest first. */
export async function listAuditEventsForSubjects(db: Kysely<Database>, subjectIds: string[], limit: number) {
  if (subjectIds.length === 0) return [];
  return db.selectFrom('audit_events').selectAll().where('subject_id', 'in', subjectIds).orderBy('seq', 'desc').limit(limit).execute();
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; id: string; reason: 'hash_mismatch' | 'chain_broken' | 'sequence_gap' } | null;
}

/** Walks the whole chain in order and names the first event that does not fit. */
export async function verifyAuditChain(db: Kysely<Database>, batch = 5000): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq, id: row.id, reason: 'sequence_gap' } };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { seq, id: row.id, reason: 'chain_broken' } };
      if (hashEvent({ ...row, seq }) !== row.hash) return { ok: false, checked, firstBroken: { seq, id: row.id, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) return { ok: true, checked, firstBroken: null };
  }
}
