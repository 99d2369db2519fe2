/**
 * Browser tests: real Chromium (Debian's, never a downloaded one) driven by playwright-core
 * through the built pages, against a server started on a fresh database. Screenshots go to
 * test-results/. Ends with one line "e2e: N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../helpers/server';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ADMIN_PASSWORD = 'E2e-admin-pass-2026';
const SHOTS = path.resolve('test-results');

type Step = (ctx: { page: Page; server: RunningServer; context: BrowserContext }) => Promise<void>;
const steps: [string, Step][] = [];
const step = (name: string, fn: Step) => steps.push([name, fn]);

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

async function login(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

step('an anonymous visitor is sent to the login page', async ({ page, server }) => {
  const res = await page.goto(`${server.url}/`);
  const headers = res!.headers();
  assert(headers['content-security-policy']?.includes("script-src 'self'"), 'the page has no content security policy');
  assert(headers['x-frame-options'] === 'DENY', 'the page may be framed');
  await page.waitForURL(/\/login/);
  await page.getByRole('heading', { name: '质量兴郴 · 城市质量治理平台' }).waitFor();
});

step('Chinese text renders with a real CJK font', async ({ page }) => {
  const width = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = "16px 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";
    return ctx.measureText('数据看板').width;
  });
  assert(width > 55, `CJK glyphs look like boxes (measureText width ${width})`);
});

step('a wrong password shows the Chinese error with its code', async ({ page, server }) => {
  await login(page, server.url, 'admin', 'wrong-password-1');
  await page.getByRole('alert').filter({ hasText: '账号或密码错误（错误代码：invalid_credentials）' }).waitFor();
});

step('admin signs in and sees the 11 county-level units of Chenzhou', async ({ page, server }) => {
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByText('系统管理员，您好').waitFor();
  await page.getByRole('cell', { name: '资兴市' }).waitFor();
  const rows = await page.locator('.ant-table-tbody tr').count();
  assert(rows === 12, `expected 郴州市 and 11 counties, saw ${rows} rows`);
  await page.screenshot({ path: path.join(SHOTS, 'home-zh.png'), fullPage: true });
});

step('the language switches to English and back', async ({ page }) => {
  await page.getByRole('button', { name: /系统管理员/ }).click();
  await page.getByText('English').click();
  await page.getByText('Administrative divisions').waitFor();
  await page.getByRole('cell', { name: 'County-level city' }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'home-en.png'), fullPage: true });
  await page.getByRole('button', { name: /系统管理员/ }).click();
  await page.getByText('中文').click();
  await page.getByText('行政区划').first().waitFor();
});

step('a new county officer must change the one-time password first', async ({ page, server, context }) => {
  // The admin creates the account through the API with the browser's own session.
  const oneTime = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/auth/me')).json();
    const res = await fetch('/api/v1/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ username: 'beihu', displayName: '北湖区质监员', role: 'county_officer', regionCode: '431002' }),
    });
    return (await res.json()).oneTimePassword as string;
  });
  assert(/^[A-Za-z2-9]{14}$/.test(oneTime), `no one-time password: ${oneTime}`);
  await context.clearCookies();
  await login(page, server.url, 'beihu', oneTime);
  await page.waitForURL(/\/password/);
  await page.getByText('首次登录或密码已被重置，请先设置新密码。').waitFor();
  await page.getByLabel('原密码').fill(oneTime);
  await page.getByLabel('新密码', { exact: true }).fill('Beihu-new-pass-1');
  await page.getByLabel('确认新密码').fill('Beihu-new-pass-1');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByText('北湖区质监员，您好').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'county-officer.png'), fullPage: true });
});

step('an expired session goes back to login, then back to where the user was', async ({ page, server, context }) => {
  await context.clearCookies();
  await page.goto(`${server.url}/password`);
  await page.waitForURL(/\/login\?from=%2Fpassword/);
  await login(page, server.url, 'beihu', 'Beihu-new-pass-1');
  await page.waitForURL(/\/$/);
});

step('logout returns to the login page and the session is gone', async ({ page, server }) => {
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: /北湖区质监员/ }).click();
  await page.getByText('退出登录').click();
  await page.waitForURL(/\/login/);
  const status = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert(status === 401, `after logout /auth/me answered ${status}`);
});

step('works at 1366×768 without horizontal scrolling', async ({ page, server }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByRole('cell', { name: '资兴市' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `page is ${overflow}px wider than the window`);
});

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  if (!fs.existsSync('dist/web/index.html') || process.env.E2E_REBUILD !== '0') {
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const server = await startServer({ QC_ADMIN_PASSWORD: ADMIN_PASSWORD, QC_WEB_DIST: path.resolve('dist/web') });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.addInitScript('globalThis.__name = (f) => f');
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  let passed = 0;
  let failed = 0;
  for (const [name, fn] of steps) {
    try {
      await fn({ page, server, context });
      passed++;
      console.log(`  ✓ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${name}\n    ${(err as Error).message.split('\n').slice(0, 6).join('\n    ')}`);
      await page.screenshot({ path: path.join(SHOTS, `failed-${passed + failed}.png`) }).catch(() => undefined);
    }
  }
  await context.close();
  await server.stop();
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
