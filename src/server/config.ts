import path from 'node:path';
import { LIMITS } from '../contract/limits';
import { REGION_CODE_PATTERN } from '../contract/schemas/common';

/**
 * The only reader of process.env. Every setting is parsed once; all errors are reported
 * together so an operator fixes them in one go. Documented in README.md ("Configuration").
 */
export interface Config {
  host: string;
  port: number;
  /** postgres://… when set; otherwise the embedded SQLite file in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile: string;
  /** The audit chain's HMAC keys: outside the database, backed up apart from it (README, "Audit keys"). */
  auditKeyFile: string;
  adminPassword: string | null;
  logLevel: string;
  bodyLimitBytes: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** A wrong password's answer waits this long, doubling with each further failure in a row (at most 5 s). */
  loginDelayMs: number;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  webDist: string;
  /** How long a process may trust its in-memory copy of a session or of reference data. */
  cacheSeconds: number;
  /** Demo enterprises generated on the first start of an empty database (0: none). */
  demoEnterprises: number;
  /** With the demo archive, the work in progress too (spot checks, the running plan's figures, the assessment); off: archive, honours and flagship register only. */
  demoWork: boolean;
  /** Largest spreadsheet an import accepts. */
  importMaxBytes: number;
  /** Most rows of a sheet an archive import reads (the header included); an XLSX past it is refused before parsing. */
  importMaxRows: number;
  /** The largest document a cultivation or a case takes (申报书, certificates, test report scans). */
  documentMaxBytes: number;
  /**
   * The region the platform serves (its city; a province when a province adopts it). Null: the one
   * active region of level city in the loaded regions (modules/reference/region-tree.ts).
   */
  homeRegion: string | null;
  /** The issuing body named in red at the head of a notice and in its signature block. */
  noticeIssuer: string;
  /** The document number (文号) of a spot-check notice: {year} and {n} (sequential per year) filled in by the server. */
  noticeNumberFormat: string;
  /** Spot-check deadlines the law leaves open (days): notifying an unqualified result, deciding an objection. */
  inspectionNotifyDays: number;
  inspectionObjectionDecisionDays: number;
  inspectionRefusalActionDays: number;
  brandFailureYears: number;
  /** Sales revenue (yuan) a flagship industrial enterprise reaches in its year (policy: CNY 3–5 bn). */
  flagshipRevenueFloor: number;
  /** The policy's goal for the number of flagship enterprises: 30–50. */
  flagshipGoal: { min: number; max: number };
  /** How close to its target an indicator counts as 接近, in percent of the target. */
  targetNearPercent: number;
  /** Days after a period ends that reported values are due. */
  reportDueDays: number;
  /** How often the targets' kept sums are brought up to date in the background (0: only when read). */
  targetsRefreshMinutes: number;
  /** A reported value that moves more than this percentage from the last period needs a comment. */
  reportChangePercent: number;
}

/** The account created on the first start of an empty database; QC_ADMIN_PASSWORD is its password. */
export const FIRST_ADMIN = { username: 'admin', displayName: '系统管理员' } as const;

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const errors: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    errors.push(`${name} must be true or false (got "${raw}")`);
    return def;
  };

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    errors.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dataDir = path.resolve(env.QC_DATA_DIR || 'data');
  const adminPassword = env.QC_ADMIN_PASSWORD || null;
  // The length here, with the other settings; the whole password rule when the account is created (users.service).
  if (adminPassword !== null && [...adminPassword].length < LIMITS.password.min) {
    errors.push(`QC_ADMIN_PASSWORD must have at least ${LIMITS.password.min} characters`);
  }

  const config: Config = {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    sqliteFile: path.join(dataDir, 'platform.db'),
    auditKeyFile: path.resolve(env.QC_AUDIT_KEY_FILE || path.join(dataDir, 'audit.keys')),
    adminPassword,
    logLevel: env.QC_LOG_LEVEL || 'info',
    bodyLimitBytes: int('QC_BODY_LIMIT_KB', 1024, 1, 1024 * 1024) * 1024,
    sessionIdleMinutes: int('QC_SESSION_IDLE_MINUTES', 120, 1, 7 * 24 * 60),
    sessionMaxHours: int('QC_SESSION_MAX_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool('QC_COOKIE_SECURE', false),
    loginMaxFailures: int('QC_LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: int('QC_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginDelayMs: int('QC_LOGIN_DELAY_MS', 250, 0, 5_000),
    loginRateLimitPerMinute: int('QC_LOGIN_RATE_LIMIT', 20, 1, 10_000),
    trustProxy: bool('QC_TRUST_PROXY', false),
    webDist: path.resolve(env.QC_WEB_DIST || 'dist/web'),
    cacheSeconds: int('QC_CACHE_SECONDS', 10, 0, 3600),
    demoEnterprises: int('QC_DEMO', 2000, 0, 1_000_000),
    demoWork: bool('QC_DEMO_WORK', true),
    importMaxBytes: int('QC_IMPORT_MAX_MB', 100, 1, 4096) * 2 ** 20,
    importMaxRows: int('QC_IMPORT_MAX_ROWS', 2_000_000, 10, 10_000_000),
    documentMaxBytes: int('QC_DOCUMENT_MAX_MB', 20, 1, 1024) * 2 ** 20,
    homeRegion: env.QC_HOME_REGION?.trim() || null,
    noticeIssuer: env.QC_NOTICE_ISSUER?.trim() || '郴州市市场监督管理局',
    noticeNumberFormat: env.QC_NOTICE_NUMBER_FORMAT?.trim() || '郴市监质〔{year}〕{n}号',
    inspectionNotifyDays: int('QC_INSPECTION_NOTIFY_DAYS', 5, 1, 90),
    inspectionObjectionDecisionDays: int('QC_INSPECTION_OBJECTION_DECISION_DAYS', 3, 1, 90),
    inspectionRefusalActionDays: int('QC_INSPECTION_REFUSAL_ACTION_DAYS', 15, 1, 90),
    brandFailureYears: int('QC_BRAND_FAILURE_YEARS', 3, 0, 10),
    flagshipRevenueFloor: int('QC_FLAGSHIP_REVENUE_FLOOR', 3_000_000_000, 0, 10 ** 13),
    targetNearPercent: int('QC_TARGET_NEAR_PERCENT', 5, 0, 100),
    reportDueDays: int('QC_REPORT_DUE_DAYS', 31, 0, 366),
    targetsRefreshMinutes: int('QC_TARGETS_REFRESH_MINUTES', 10, 0, 1440),
    reportChangePercent: int('QC_REPORT_CHANGE_PERCENT', 20, 1, 1000),
    flagshipGoal: { min: int('QC_FLAGSHIP_GOAL_MIN', 30, 1, 10_000), max: int('QC_FLAGSHIP_GOAL_MAX', 50, 1, 10_000) },
  };
  if (!config.noticeNumberFormat.includes('{year}') || !config.noticeNumberFormat.includes('{n}'))
    errors.push('QC_NOTICE_NUMBER_FORMAT must contain {year} and {n}');
  if (config.homeRegion !== null && !new RegExp(REGION_CODE_PATTERN).test(config.homeRegion))
    errors.push('QC_HOME_REGION must be a region code of 6, 9 or 12 digits');
  if (config.flagshipGoal.max < config.flagshipGoal.min) errors.push('QC_FLAGSHIP_GOAL_MAX must not be below QC_FLAGSHIP_GOAL_MIN');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    errors.push(`QC_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  if (errors.length) {
    throw new Error(`Invalid configuration:\n  - ${errors.join('\n  - ')}`);
  }
  return Object.freeze(config);
}
