import { DatabaseSync, backup, type SQLInputValue, type StatementSync } from 'node:sqlite';

/**
 * SQLite through Node's built-in node:sqlite (no native addon to build at install), in the shape
 * Kysely's SqliteDialect expects (better-sqlite3's): parameters as one array, `reader` on each
 * statement, and errors whose `code` names SQLite's extended result code as better-sqlite3 did
 * (isUniqueViolation and the logs read it).
 */
export interface SqliteStatement {
  /** Whether the statement answers rows (a select, or a write with RETURNING). */
  readonly reader: boolean;
  /** True while an iteration over its rows is open: the statement cannot be run again meanwhile. */
  readonly busy: boolean;
  all(parameters?: readonly unknown[]): unknown[];
  get(parameters?: readonly unknown[]): unknown;
  run(parameters?: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(parameters?: readonly unknown[]): IterableIterator<unknown>;
}

export interface SqliteHandle {
  prepare(sqlText: string): SqliteStatement;
  exec(sqlText: string): void;
  /** The first column of the first row of `PRAGMA <text>` (e.g. integrity_check's 'ok'). */
  pragma(text: string): unknown;
  /** An online copy of the whole database into a new file. */
  backup(file: string): Promise<void>;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
}

export function openSqlite(file: string, options: OpenOptions = {}): SqliteHandle {
  const db = attempt(() => new DatabaseSync(file, { readOnly: options.readOnly ?? false }));
  return {
    prepare: (sqlText) => attempt(() => new Statement(db.prepare(sqlText))),
    exec: (sqlText) => attempt(() => db.exec(sqlText)),
    pragma: (text) => {
      const row = attempt(() => db.prepare(`pragma ${text}`).get());
      return row ? Object.values(row)[0] : undefined;
    },
    backup: async (target) => {
      await backup(db, target);
    },
    close: () => db.close(),
  };
}

class Statement implements SqliteStatement {
  readonly reader: boolean;
  busy = false;

  constructor(private readonly statement: StatementSync) {
    this.reader = statement.columns().length > 0;
  }

  all(parameters: readonly unknown[] = []): unknown[] {
    return attempt(() => this.statement.all(...(parameters as SQLInputValue[])));
  }

  get(parameters: readonly unknown[] = []): unknown {
    return attempt(() => this.statement.get(...(parameters as SQLInputValue[])));
  }

  run(parameters: readonly unknown[] = []) {
    return attempt(() => this.statement.run(...(parameters as SQLInputValue[])));
  }

  *iterate(parameters: readonly unknown[] = []): IterableIterator<unknown> {
    const rows = attempt(() => this.statement.iterate(...(parameters as SQLInputValue[])));
    this.busy = true;
    try {
      while (true) {
        const next = attempt(() => rows.next());
        if (next.done) return;
        yield next.value;
      }
    } finally {
      this.busy = false;
    }
  }
}

// node:sqlite reports every SQLite failure as ERR_SQLITE_ERROR with the numeric extended code in
// `errcode`; these are the names that code in this repository or an operator reading a log looks for.
const CODE_NAMES: Record<number, string> = {
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  19: 'SQLITE_CONSTRAINT',
  26: 'SQLITE_NOTADB',
  275: 'SQLITE_CONSTRAINT_CHECK',
  787: 'SQLITE_CONSTRAINT_FOREIGNKEY',
  1299: 'SQLITE_CONSTRAINT_NOTNULL',
  1555: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  2067: 'SQLITE_CONSTRAINT_UNIQUE',
};

function attempt<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    const e = err as { code?: string; errcode?: number };
    if (e?.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') {
      e.code = CODE_NAMES[e.errcode] ?? CODE_NAMES[e.errcode & 0xff] ?? 'SQLITE_ERROR';
    }
    throw err;
  }
}
