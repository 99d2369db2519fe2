import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config', () => {
  it('defaults: SQLite in ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: null,
      sqliteFile: path.resolve('data', 'platform.db'),
      auditKeyFile: path.resolve('data', 'audit.keys'),
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      loginDelayMs: 250,
      sessionIdleMinutes: 120,
      sessionMaxHours: 12,
      bodyLimitBytes: 1024 * 1024,
      cookieSecure: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(loadConfig({ QC_DATA_DIR: '/srv/qc' }).auditKeyFile).toBe('/srv/qc/audit.keys');
    expect(loadConfig({ QC_DATA_DIR: '/srv/qc', QC_AUDIT_KEY_FILE: '/run/secrets/qc-audit.keys' }).auditKeyFile).toBe(
      '/run/secrets/qc-audit.keys',
    );
  });

  it('reads every setting and reports all errors at once', () => {
    expect(loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://a:b@h/db', QC_COOKIE_SECURE: 'true' })).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://a:b@h/db',
      cookieSecure: true,
    });
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', QC_COOKIE_SECURE: 'maybe', QC_ADMIN_PASSWORD: 'short' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).toHaveLength(5);
    expect(message).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
    expect(message).toContain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(message).toContain('QC_COOKIE_SECURE must be true or false (got "maybe")');
    expect(message).toContain('QC_ADMIN_PASSWORD must have at least 10 characters');
  });

  it('the notice number (文号) format names the year and the number; the issuer has a default', () => {
    expect(loadConfig({})).toMatchObject({ noticeIssuer: '郴州市市场监督管理局', noticeNumberFormat: '郴市监质〔{year}〕{n}号' });
    expect(loadConfig({ QC_NOTICE_NUMBER_FORMAT: '桂市监〔{year}〕第{n}号', QC_NOTICE_ISSUER: '桂阳县市场监督管理局' })).toMatchObject({
      noticeIssuer: '桂阳县市场监督管理局',
      noticeNumberFormat: '桂市监〔{year}〕第{n}号',
    });
    expect(() => loadConfig({ QC_NOTICE_NUMBER_FORMAT: '郴市监质〔2026〕{n}号' })).toThrow(
      'QC_NOTICE_NUMBER_FORMAT must contain {year} and {n}',
    );
  });
});
