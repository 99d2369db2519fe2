import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Db } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';

/** The database the suite runs on: PostgreSQL when DATABASE_URL is set, else SQLite in memory. */
export const DATABASE_URL = process.env.DATABASE_URL || null;

export interface TestDb extends Db {
  /** PostgreSQL schema of this database, when on PostgreSQL (for child processes: PGOPTIONS). */
  schema: string | null;
  drop(): Promise<void>;
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: DATABASE_URL! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database: SQLite in memory, or on PostgreSQL a schema of its own, so test
 * files running in parallel never see each other's rows.
 */
export async function emptyDb(): Promise<TestDb> {
  if (!DATABASE_URL) {
    const db = await connect({ databaseUrl: null, sqliteFile: ':memory:' });
    return { ...db, schema: null, drop: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  const db = await connect({ databaseUrl: DATABASE_URL, sqliteFile: '', searchPath: schema, poolSize: 4 });
  return {
    ...db,
    schema,
    drop: async () => {
      await db.close();
      await adminQuery(`drop schema ${schema} cascade`);
    },
  };
}

/** A fresh database with every migration applied. */
export async function migratedDb(): Promise<TestDb> {
  const db = await emptyDb();
  await migrateToLatest(db.kysely);
  return db;
}
