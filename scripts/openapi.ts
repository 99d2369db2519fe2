// The OpenAPI document as the app serves it at /api/docs/json, built without listening or a database file:
// `node --import tsx scripts/openapi.ts [out.json]` writes it to the file, or to stdout without one.
import fs from 'node:fs';
import pino from 'pino';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { connect } from '../src/server/db/connect';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  // Registering routes reads no rows, so an empty in-memory database is enough.
  const db = await connect({ databaseUrl: null, sqliteFile: ':memory:' });
  const config = loadConfig({ QC_LOG_LEVEL: 'silent', QC_WEB_DIST: '/nonexistent' });
  const app = await buildApp({ db, config, logger: pino({ level: 'silent' }) });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const json = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
  const out = process.argv[2];
  if (out) fs.writeFileSync(out, json);
  else process.stdout.write(json);
}
