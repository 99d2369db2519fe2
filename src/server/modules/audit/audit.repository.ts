import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Database } from '../../db/database';
import { countAndPage } from '../../db/paging';
import { lockAuditChain } from '../../db/portable';
import { uuidv7 } from '../../lib/ids';
import { auditKeyringOf, macOf, type AuditKey, type AuditKeyring } from './audit-keys';
import type { AuditEventTable, AuditHeadTable } from './audit.table';

export const GENESIS_HASH = '0'.repeat(64);

// How an audit event's subject is named for people, by its type: the table that holds it and an
// expression over that row (`t`). Deleted rows keep their names (the log outlives them).
const enterpriseOf = sql`(select e.name from enterprises e where e.id = t.enterprise_id)`;
const regionOf = sql`(select r.name from regions r where r.code = t.region_code)`;
const planOf = (table: string) =>
  sql`(select p.${sql.raw(table === 'target_plans' ? 'name' : 'title')} from ${sql.table(table)} p where p.id = t.plan_id)`;
const productName = { table: 'products', name: sql`${enterpriseOf} || ' · ' || t.name` };

const SUBJECT_NAMES: Record<string, { table: string; name: RawBuilder<unknown> }> = {
  enterprise: { table: 'enterprises', name: sql`t.name` },
  user: { table: 'users', name: sql`t.display_name || '（' || t.username || '）'` },
  inspection: { table: 'inspections', name: sql`t.product_name || ' · ' || t.producer_name` },
  inspection_plan: { table: 'inspection_plans', name: sql`t.title` },
  inspection_draw: { table: 'inspection_draws', name: sql`${planOf('inspection_plans')} || ' · ' || t.category_code || ' #' || t.round` },
  testing_body: { table: 'testing_bodies', name: sql`t.name` },
  honour: { table: 'honours', name: sql`${enterpriseOf} || ' · ' || coalesce(nullif(t.title, ''), t.mark)` },
  cultivation: { table: 'cultivations', name: enterpriseOf },
  reward: { table: 'rewards', name: sql`${enterpriseOf} || ' · ' || t.year` },
  key_project: { table: 'key_projects', name: sql`t.name` },
  proposal: { table: 'enterprise_proposals', name: enterpriseOf },
  target_plan: { table: 'target_plans', name: sql`t.name` },
  plan_indicator: { table: 'plan_indicators', name: sql`${planOf('target_plans')} || ' · ' || t.name` },
  reported_value: { table: 'reported_values', name: sql`t.indicator_code || ' · ' || ${regionOf} || ' · ' || t.period` },
  assessment_scheme: { table: 'assessment_schemes', name: sql`t.name` },
  county_assessment: {
    table: 'county_assessments',
    name: sql`(select s.name from assessment_schemes s where s.id = t.scheme_id) || ' · ' || ${regionOf}`,
  },
  // Archive records (subject type = record kind): the record's enterprise, and a product's own name.
  // 'product' is the brand flag's subject (honours.service); 'products' the archive record kind's.
  products: productName,
  product: productName,
  standards: { table: 'product_standards', name: sql`(select p.name from products p where p.id = t.product_id) || ' · ' || t.standard_no` },
  'former-names': { table: 'enterprise_former_names', name: sql`${enterpriseOf} || ' · ' || t.name` },
  associations: { table: 'enterprise_associations', name: enterpriseOf },
  'yearly-figures': { table: 'enterprise_yearly_figures', name: sql`${enterpriseOf} || ' · ' || t.year` },
  certifications: { table: 'certifications', name: sql`${enterpriseOf} || ' · ' || t.certificate_no` },
  licences: { table: 'licences', name: enterpriseOf },
  'quality-staff': { table: 'quality_staff', name: sql`${enterpriseOf} || ' · ' || t.person_name` },
};
export const NAMED_SUBJECT_TYPES = Object.keys(SUBJECT_NAMES);

/** The names of the subjects of a page of events, keyed `type:id`; a subject of no known type, or gone, has none. */
export async function subjectNames(db: Kysely<Database>, subjects: { type: string; id: string | null }[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<string>>();
  for (const s of subjects) if (s.id && SUBJECT_NAMES[s.type]) byType.set(s.type, (byType.get(s.type) ?? new Set()).add(s.id));
  const names = new Map<string, string>();
  for (const [type, ids] of byType) {
    const { table, name } = SUBJECT_NAMES[type]!;
    const rows = await sql<{
      id: string;
      name: string | null;
    }>`select t.id, ${name} as name from ${sql.table(table)} t where t.id in (${sql.join([...ids])})`.execute(db);
    for (const r of rows.rows) if (r.name) names.set(`${type}:${r.id}`, r.name);
  }
  return names;
}
/** The one row of audit_head. */
const HEAD = 'chain';

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

type Unhashed = Omit<AuditEventTable, 'hash'>;
const fieldsOf = (e: Unhashed) => [
  e.seq,
  e.id,
  e.at,
  e.actor_id,
  e.actor_name,
  e.action,
  e.subject_type,
  e.subject_id,
  e.before,
  e.after,
  e.ip,
  e.prev_hash,
];

/** An unkeyed event's hash (before keying began): SHA-256 of every stored field but itself, in a fixed order. */
export function hashEvent(e: Omit<Unhashed, 'key_id'>): string {
  return createHash('sha256')
    .update(JSON.stringify(fieldsOf({ ...e, key_id: null })))
    .digest('hex');
}

/** A keyed event's hash: HMAC-SHA256 with its key over the same fields and the key's id. */
export function macEvent(key: AuditKey, e: Unhashed): string {
  return macOf(key, [...fieldsOf(e), e.key_id]);
}

const macHead = (key: AuditKey, h: { seq: number; event_id: string; hash: string }) => macOf(key, ['head', h.seq, h.event_id, h.hash]);

/** Whether the stored head is signed by a key of the ring. */
function headSigned(ring: AuditKeyring, head: Selectable<AuditHeadTable>): boolean {
  const key = ring.keys.get(head.key_id);
  return !!key && macHead(key, { ...head, seq: Number(head.seq) }) === head.mac;
}

const HEAD_REFUSED = 'audit chain head is missing or not signed with the audit key: run "npm run cli -- audit verify"';

const toText = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends one event to the keyed chain and moves the signed head to it. Call inside the
 * transaction that makes the change: the event and the head commit or roll back with it.
 * The new event follows the signed head, not whatever the table's newest row is, so a removal
 * of the newest events stays a visible gap instead of being signed over; a chain past its
 * sealed unkeyed part with no valid head is refused.
 */
export async function appendAuditEvent(trx: Kysely<Database>, event: NewAuditEvent): Promise<void> {
  const ring = auditKeyringOf(trx);
  await lockAuditChain(trx);
  const head = await trx.selectFrom('audit_head').selectAll().where('name', '=', HEAD).executeTakeFirst();
  let last: { seq: number; hash: string } | undefined;
  if (head) {
    if (!headSigned(ring, head)) throw new Error(HEAD_REFUSED);
    last = { seq: Number(head.seq), hash: head.hash };
  } else {
    const newest = await newestAuditEvent(trx);
    if (newest && Number(newest.seq) > ring.legacy.seq) throw new Error(HEAD_REFUSED);
    last = newest && { seq: Number(newest.seq), hash: newest.hash };
  }
  const row: Unhashed = {
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
    key_id: ring.current.id,
  };
  const hash = macEvent(ring.current, row);
  await trx
    .insertInto('audit_events')
    .values({ ...row, hash })
    .execute();
  const next = {
    seq: row.seq,
    event_id: row.id,
    hash,
    key_id: ring.current.id,
    mac: macHead(ring.current, { seq: row.seq, event_id: row.id, hash }),
  };
  await trx
    .insertInto('audit_head')
    .values({ name: HEAD, ...next })
    .onConflict((oc) => oc.column('name').doUpdateSet(next))
    .execute();
}

/** The newest event of the chain (highest seq). */
export function newestAuditEvent(db: Kysely<Database>) {
  return db.selectFrom('audit_events').select(['seq', 'id', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Whether any event is keyed or a head was signed: the database has been written with a key. */
export async function chainIsKeyed(db: Kysely<Database>): Promise<boolean> {
  const keyed = await db.selectFrom('audit_events').select('seq').where('key_id', 'is not', null).limit(1).executeTakeFirst();
  return !!keyed || !!(await db.selectFrom('audit_head').select('seq').limit(1).executeTakeFirst());
}

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  action?: string;
  fromInstant?: string;
  toInstant?: string;
}

export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter, page: { beforeSeq?: number; limit: number }) {
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

export type BrokenReason =
  | 'sequence_gap' // an event is missing, or seq was changed
  | 'chain_broken' // prev_hash is not the previous event's hash
  | 'hash_mismatch' // a hashed field was changed
  | 'unknown_key' // keyed with a key the key file does not hold
  | 'not_keyed' // an unkeyed event after keying began (a rewrite without the key)
  | 'legacy_mismatch'; // the unkeyed events are not those sealed in the key file

export type HeadProblem =
  | 'missing' // no signed head, though keyed events exist
  | 'bad_signature' // the head was written without the key
  | 'events_removed' // the signed head (or the sealed unkeyed chain) is past the newest event
  | 'mismatch'; // the newest event is not the one the head names

export interface ChainCheck {
  ok: boolean;
  /** Events that fit, in order from the first. */
  checked: number;
  /** Of those, the keyed ones. */
  keyed: number;
  firstBroken: { seq: number; id: string; reason: BrokenReason } | null;
  /** The signed head as stored (null: none), and what is wrong with it given the chain. */
  head: { seq: number; eventId: string; hash: string; keyId: string } | null;
  headProblem: HeadProblem | null;
  /** Whether a key file was at hand; without one keyed events and the head cannot be checked. */
  withKeys: boolean;
}

/**
 * Walks the whole chain in order and names the first event that does not fit, then checks the
 * newest event against the signed head (which catches the removal of the newest events).
 */
export async function verifyAuditChain(db: Kysely<Database>, ring: AuditKeyring | null, batch = 5000): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let keyed = 0;
  let last: { seq: number; id: string; hash: string } | null = null;
  const storedHead = await db.selectFrom('audit_head').selectAll().where('name', '=', HEAD).executeTakeFirst();
  const head = storedHead
    ? { seq: Number(storedHead.seq), eventId: storedHead.event_id, hash: storedHead.hash, keyId: storedHead.key_id }
    : null;
  const result = (firstBroken: ChainCheck['firstBroken'], headProblem: HeadProblem | null): ChainCheck => ({
    ok: !firstBroken && !headProblem,
    checked,
    keyed,
    firstBroken,
    head,
    headProblem,
    withKeys: !!ring,
  });
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: BrokenReason) => result({ seq, id: row.id, reason }, null);
      if (seq !== expectedSeq) return broken('sequence_gap');
      if (row.prev_hash !== prevHash) return broken('chain_broken');
      if (row.key_id === null) {
        if (ring && seq > ring.legacy.seq) return broken('not_keyed');
        if (hashEvent({ ...row, seq }) !== row.hash) return broken('hash_mismatch');
        if (ring && seq === ring.legacy.seq && row.hash !== ring.legacy.hash) return broken('legacy_mismatch');
      } else {
        const key = ring?.keys.get(row.key_id);
        if (!key) return broken('unknown_key');
        if (seq <= ring!.legacy.seq) return broken('legacy_mismatch');
        if (macEvent(key, { ...row, seq }) !== row.hash) return broken('hash_mismatch');
        keyed++;
      }
      prevHash = row.hash;
      last = { seq, id: row.id, hash: row.hash };
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) break;
  }
  if (!ring) return result(null, null);
  const newest = last?.seq ?? 0;
  if (newest < ring.legacy.seq) return result(null, 'events_removed');
  if (!storedHead) return result(null, newest > ring.legacy.seq ? 'missing' : null);
  if (!headSigned(ring, storedHead)) return result(null, 'bad_signature');
  if (Number(storedHead.seq) > newest) return result(null, 'events_removed');
  const fits = last && Number(storedHead.seq) === last.seq && storedHead.event_id === last.id && storedHead.hash === last.hash;
  return result(null, fits ? null : 'mismatch');
}

/** How many events the chain holds up to and including `seq`. */
export async function countAuditEventsThrough(db: Kysely<Database>, seq: number): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('seq', '<=', seq)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One event by its place in the chain. */
export function auditEventAt(db: Kysely<Database>, seq: number) {
  return db.selectFrom('audit_events').select(['seq', 'id', 'hash']).where('seq', '=', seq).executeTakeFirst();
}
