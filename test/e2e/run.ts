/**
 * Browser tests: real Chromium (Debian's, never a downloaded one) driven by playwright-core
 * through the built pages, against a server started on a fresh database. Screenshots go to
 * test/e2e/screenshots/. Ends with one line "e2e: N passed, N failed".
 *
 * This file builds the console, starts the server and the browser, and runs the steps in the
 * order below; each feature's steps live in a file of their own. Steps build on earlier ones
 * (accounts, the imported archive, the plan's cases), so the order is part of the suite.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../helpers/server';
import { adminPageSteps, userSteps } from './admin';
import assessmentSteps from './assessments';
import brandSteps from './brands';
import archiveSteps, { tabletSteps } from './enterprises';
import { ADMIN_PASSWORD, SHOTS, WORK, type Step } from './harness';
import inspectionSteps from './inspections';
import sessionSteps from './session';
import targetSteps from './targets';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const steps: Step[] = [
  ...sessionSteps, // signing in (the admin's sign-in starts every E2E_ONLY run), language, sessions
  ...userSteps, // the users page creates the county officer the archive steps sign in as
  ...archiveSteps,
  ...inspectionSteps,
  ...brandSteps,
  ...targetSteps,
  ...assessmentSteps,
  ...adminPageSteps, // the audit log shows what the steps above did
  ...tabletSteps,
];

/** SQLite: the server's own data directory. PostgreSQL: a new schema, dropped afterwards. */
async function freshDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: {}, drop: async () => undefined };
  const schema = `e2e_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    env: { DATABASE_URL: scoped.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  if (!fs.existsSync('dist/web/index.html') || process.env.E2E_REBUILD !== '0') {
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  // On PostgreSQL the server gets a schema of its own, so every run starts on a fresh database.
  const database = await freshDatabase();
  // The suite makes its own plans, cases, figures and schemes: the demo gives it the archive and honours only.
  const server = await startServer({
    QC_ADMIN_PASSWORD: ADMIN_PASSWORD,
    QC_WEB_DIST: path.resolve('dist/web'),
    QC_DEMO_WORK: '0',
    ...database.env,
  });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.addInitScript('globalThis.__name = (f) => f');
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  // Script errors in the page are reported with the step that met them.
  const pageErrors: string[] = [];
  context.on('page', (p) => p.on('pageerror', (err) => pageErrors.push(err.message)));
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // API errors met by the console, reported with a failing step (some steps expect a 4xx).
  const watch = (p: Page) =>
    p.on(
      'response',
      (res) =>
        res.status() >= 400 && res.url().includes('/api/') && pageErrors.push(`${res.status()} ${res.request().method()} ${res.url()}`),
    );
  watch(page);
  context.on('page', watch);
  let passed = 0;
  let failed = 0;
  // E2E_ONLY='<part>|<part>': only the steps whose names contain one of the parts, after the admin signs in
  // (a step that builds on earlier ones needs them named too).
  const only = process.env.E2E_ONLY?.split(/[|,]/).filter(Boolean);
  const chosen = only ? steps.filter(({ name }) => name.startsWith('admin signs in') || only.some((part) => name.includes(part))) : steps;
  for (const { name, run } of chosen) {
    try {
      pageErrors.length = 0;
      await run({ page, server, context });
      passed++;
      console.log(`  ✓ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${name}\n    ${(err as Error).message.split('\n').slice(0, 6).join('\n    ')}`);
      if (pageErrors.length) console.log(`    page errors: ${pageErrors.splice(0).join(' | ').slice(0, 2000)}`);
      await page.screenshot({ path: path.join(SHOTS, `failed-${passed + failed}.png`) }).catch(() => undefined);
    }
  }
  await context.close();
  await server.stop();
  await database.drop();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(WORK, { recursive: true, force: true });
  console.log(
    `e2e (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}): ${passed} steps passed\ne2e: ${passed} passed, ${failed} failed`,
  );
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
