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
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
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
