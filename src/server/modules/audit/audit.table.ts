export interface AuditEventTable {
  id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  /** The key whose HMAC `hash` is; null for the plain SHA-256 events written before keying. */
  key_id: string | null;
}

/** The chain's newest event, signed, written with it in one transaction (one row, name 'chain'). */
export interface AuditHeadTable {
  name: string;
  seq: number;
  event_id: string;
  hash: string;
  key_id: string;
  mac: string;
}
