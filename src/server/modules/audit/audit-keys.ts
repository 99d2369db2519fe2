import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';

/**
 * The keys of the audit chain, kept in a file outside the database (README, "Audit keys").
 * Whoever can write the database but not read this file cannot recompute the chain after an
 * edit. The file holds, one per line:
 *
 *   legacy <seq> <hash>             the plain SHA-256 chain as it stood when keying began
 *   key <id> <created> <base64>     a key; the last one signs new events, older ones verify theirs
 *
 * Lines are only ever added (rotation appends a key); removing one leaves its events unverifiable.
 */
export interface AuditKey {
  id: string;
  secret: Buffer;
  createdAt: string;
}

export interface AuditKeyring {
  file: string;
  /** Signs new events and checkpoints: the newest key. */
  current: AuditKey;
  keys: Map<string, AuditKey>;
  /** Events up to `seq` are unkeyed and end in `hash`; every later one must be keyed. */
  legacy: { seq: number; hash: string };
}

const HEADER = [
  '# 质量兴郴 audit-chain keys. Secret: readable by the server only; back it up apart from the database.',
  '# Never delete or edit a line: old keys verify old events. Rotate with "npm run cli -- audit rotate-key".',
];
const KEY_BYTES = 32;

/** HMAC-SHA256 over a fixed-order JSON array, hex. */
export function macOf(key: AuditKey, parts: unknown[]): string {
  return createHmac('sha256', key.secret).update(JSON.stringify(parts)).digest('hex');
}

export function parseKeyFile(text: string, file: string): AuditKeyring {
  const keys = new Map<string, AuditKey>();
  let legacy: AuditKeyring['legacy'] | null = null;
  let current: AuditKey | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const bad = (why: string) => new Error(`${file}, line ${i + 1}: ${why}`);
    const parts = line.split(/\s+/);
    if (parts[0] === 'legacy') {
      if (legacy) throw bad('a second "legacy" line');
      const seq = Number(parts[1]);
      if (parts.length !== 3 || !Number.isInteger(seq) || seq < 0 || !/^[0-9a-f]{64}$/.test(parts[2]!))
        throw bad('expected "legacy <seq> <64 hex digits>"');
      legacy = { seq, hash: parts[2]! };
    } else if (parts[0] === 'key') {
      const [, id, createdAt, b64] = parts;
      const secret = Buffer.from(b64 ?? '', 'base64');
      if (parts.length !== 4 || !/^[0-9a-z]{1,32}$/.test(id!) || Number.isNaN(Date.parse(createdAt!)) || secret.length < 16) {
        throw bad('expected "key <id> <ISO instant> <base64 secret of at least 16 bytes>"');
      }
      if (keys.has(id!)) throw bad(`key id ${id} appears twice`);
      current = { id: id!, secret, createdAt: createdAt! };
      keys.set(id!, current);
    } else {
      throw bad(`unknown line "${parts[0]}"`);
    }
  });
  if (!legacy || !current) throw new Error(`${file}: needs a "legacy" line and at least one "key" line`);
  return { file, current, keys, legacy };
}

const newKeyLine = (existing: Set<string>) => {
  let id: string;
  do id = randomBytes(4).toString('hex');
  while (existing.has(id));
  return `key ${id} ${new Date().toISOString()} ${randomBytes(KEY_BYTES).toString('base64')}`;
};

/** The keyring in `file`, or null when there is no such file. */
export function readKeyFile(file: string): AuditKeyring | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseKeyFile(text, file);
}

/** A new key file sealing the unkeyed chain as it stands; refuses to overwrite one. */
export function createKeyFile(file: string, legacy: { seq: number; hash: string }): AuditKeyring {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = [...HEADER, `legacy ${legacy.seq} ${legacy.hash}`, newKeyLine(new Set()), ''].join('\n');
  fs.writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
  return parseKeyFile(text, file);
}

/** Appends a new signing key; the old ones stay to verify their events. Returns the new key's id. */
export function rotateKeyFile(file: string): string {
  const ring = readKeyFile(file);
  if (!ring) throw new Error(`no audit key file at ${file}`);
  const line = newKeyLine(new Set(ring.keys.keys()));
  fs.appendFileSync(file, `${line}\n`);
  return line.split(' ')[1]!;
}

// The keyring each database handle signs with, by its adapter (which its transactions share).
const KEYRINGS = new WeakMap<object, AuditKeyring>();

export function useAuditKeyring(db: Kysely<any>, ring: AuditKeyring): void {
  KEYRINGS.set(db.getExecutor().adapter, ring);
}

/** The keyring for writes; a write with none loaded fails rather than leave an unkeyed event. */
export function auditKeyringOf(db: Kysely<any>): AuditKeyring {
  const ring = KEYRINGS.get(db.getExecutor().adapter);
  if (!ring) throw new Error('audit key not loaded: call openAuditKeyring() after connecting');
  return ring;
}
