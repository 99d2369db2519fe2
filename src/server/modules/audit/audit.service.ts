import type { AuditListQuery } from '../../../contract/schemas/audit';
import type { Actor } from '../../authz/actor';
import type { AppContext } from '../../context';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import { lockAuditChain } from '../../db/portable';
import { createKeyFile, macOf, readKeyFile, useAuditKeyring, type AuditKeyring } from './audit-keys';
import {
  appendAuditEvent,
  auditEventAt,
  chainIsKeyed,
  countAuditEventsThrough,
  GENESIS_HASH,
  listAuditEvents,
  newestAuditEvent,
  subjectNames,
  verifyAuditChain,
} from './audit.repository';
import { presentAuditEvent } from './audit.presenter';

/** Records what `actor` did, inside the caller's transaction. */
export function recordAudit(
  trx: Db,
  actor: Actor,
  action: string,
  subject: { type: string; id: string | null },
  before: unknown,
  after: unknown,
): Promise<void> {
  return appendAuditEvent(trx, {
    actorId: actor.id,
    actorName: actor.username,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    before,
    after,
    ip: actor.ip,
  });
}

/**
 * Loads the audit keys for this database handle, so its writes are keyed. On the first start
 * (no key file) creates one, sealing the unkeyed chain as it stands; refuses when the database
 * already holds keyed events — the key file was lost or points elsewhere, and a new key would
 * leave every earlier event unverifiable.
 */
export async function openAuditKeyring(db: Db, file: string): Promise<AuditKeyring> {
  const ring =
    readKeyFile(file) ??
    (await db.transaction().execute(async (trx) => {
      await lockAuditChain(trx);
      if (await chainIsKeyed(trx)) {
        throw new Error(
          `the audit key file ${file} is missing, but the database holds keyed audit events: restore the file from its backup (README, "Audit keys")`,
        );
      }
      const last = await newestAuditEvent(trx);
      return createKeyFile(file, { seq: Number(last?.seq ?? 0), hash: last?.hash ?? GENESIS_HASH });
    }));
  useAuditKeyring(db, ring);
  return ring;
}

/** What an auditor keeps: the chain's newest event when it was taken, signed with the audit key. */
export interface Checkpoint {
  seq: number;
  eventId: string;
  hash: string;
  /** Events in the chain up to and including this one. */
  count: number;
  at: string;
  keyId: string;
  mac: string;
}
const checkpointMac = (ring: AuditKeyring, c: Omit<Checkpoint, 'mac'>) => {
  const key = ring.keys.get(c.keyId);
  return key ? macOf(key, ['checkpoint', c.seq, c.eventId, c.hash, c.count, c.at]) : null;
};

/** A checkpoint from its printed form (one line of JSON); null when it is not one. */
export function parseCheckpoint(text: string): Checkpoint | null {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const str = (k: string) => typeof v?.[k] === 'string';
  const int = (k: string) => Number.isInteger(v?.[k]) && (v[k] as number) >= 1;
  if (!int('seq') || !int('count') || !['eventId', 'hash', 'at', 'keyId', 'mac'].every(str)) return null;
  return { seq: v.seq, eventId: v.eventId, hash: v.hash, count: v.count, at: v.at, keyId: v.keyId, mac: v.mac } as Checkpoint;
}

export type CheckpointProblem = 'unknown_key' | 'bad_signature' | 'not_in_chain';

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

export function auditService(ctx: AppContext) {
  return {
    /** The log, newest first, filtered by subject, actor, action and date range (UTC days). */
    async list(_actor: Actor, query: AuditListQuery) {
      let beforeSeq: number | undefined;
      if (query.after !== undefined) {
        beforeSeq = Number(query.after);
        if (!Number.isInteger(beforeSeq) || beforeSeq < 1) {
          throw new AppError('validation_failed', [{ path: 'querystring/after', message: '分页游标不正确' }]);
        }
      }
      const limit = query.limit ?? 50;
      const { rows, total, hasMore } = await listAuditEvents(
        ctx.db,
        {
          subjectType: query.subjectType,
          subjectId: query.subjectId,
          actorId: query.actorId,
          action: query.action,
          fromInstant: query.from ? `${query.from}T00:00:00.000Z` : undefined,
          toInstant: query.to ? nextDay(query.to) : undefined,
        },
        { beforeSeq, limit },
      );
      const names = await subjectNames(
        ctx.db,
        rows.map((r) => ({ type: r.subject_type, id: r.subject_id })),
      );
      const items = rows.map((r) => presentAuditEvent(r, names));
      return { items, meta: { total, nextCursor: hasMore ? String(items.at(-1)!.seq) : null } };
    },

    /**
     * The chain checked event by event and against its signed head, with the key file if there
     * is one (read, never created here: an auditor may verify a copy without the keys); and, given
     * a checkpoint an auditor kept, whether the chain still holds the event it names.
     */
    async verify(checkpoint?: Checkpoint) {
      const ring = readKeyFile(ctx.config.auditKeyFile);
      const chain = await verifyAuditChain(ctx.db, ring);
      let checkpointProblem: CheckpointProblem | null = null;
      if (checkpoint) {
        const { mac, ...signed } = checkpoint;
        const expected = ring && checkpointMac(ring, signed);
        const event = await auditEventAt(ctx.db, checkpoint.seq);
        const count = await countAuditEventsThrough(ctx.db, checkpoint.seq);
        if (!expected) checkpointProblem = 'unknown_key';
        else if (expected !== mac) checkpointProblem = 'bad_signature';
        else if (!event || event.id !== checkpoint.eventId || event.hash !== checkpoint.hash || count !== checkpoint.count)
          checkpointProblem = 'not_in_chain';
      }
      return {
        ...chain,
        ok: chain.ok && !checkpointProblem,
        checkpoint: checkpoint ? { seq: checkpoint.seq, problem: checkpointProblem } : null,
      };
    },

    /** A signed checkpoint of the chain as it stands, for an auditor to keep; null on an empty chain. */
    async checkpoint(): Promise<Checkpoint | null> {
      const ring = readKeyFile(ctx.config.auditKeyFile);
      if (!ring) throw new Error(`no audit key file at ${ctx.config.auditKeyFile}: a checkpoint is signed with the audit key`);
      const newest = await newestAuditEvent(ctx.db);
      if (!newest) return null;
      const seq = Number(newest.seq);
      const signed = {
        seq,
        eventId: newest.id,
        hash: newest.hash,
        count: await countAuditEventsThrough(ctx.db, seq),
        at: new Date().toISOString(),
        keyId: ring.current.id,
      };
      return { ...signed, mac: checkpointMac(ring, signed)! };
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
