import type { BoolColumn, Versioned } from '../../db/types';

export interface UserTable extends Versioned {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_code: string | null;
  department_code: string | null;
  enterprise_id: string | null;
  password_hash: string;
  must_change_password: BoolColumn;
  disabled: BoolColumn;
  /** Wrong passwords in a row for this account, from any source (for the admin's eyes; locks are per source, login_throttle). */
  failed_logins: number;
  /** Until when some source is locked out of this account (for the admin's eyes; others may still sign in). */
  locked_until: string | null;
  last_login_at: string | null;
}

/** Failed sign-ins per account name as typed (known or not) and source address. */
export interface LoginThrottleTable {
  username: string;
  source: string;
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}
