/** Browser steps: signing in, the language, one-time passwords, sessions and a small screen. */
import path from 'node:path';
import { ADMIN_PASSWORD, SHOTS, assert, login, firstSignIn, apiCall, stepList } from './harness';

const { steps, step } = stepList();
export default steps;

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

step('the language switches to English and back; API errors follow it', async ({ page, server }) => {
  await page.getByRole('button', { name: /系统管理员/ }).click();
  await page.getByText('English').click();
  await page.getByText('Administrative divisions').waitFor();
  await page.getByText('Hello, 系统管理员').waitFor();
  await page.getByRole('cell', { name: 'County-level city' }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'home-en.png'), fullPage: true });
  // The console sends its language: the API's own error messages come in English too.
  await page.goto(`${server.url}/password`);
  await page.getByLabel('Current password').fill('not-the-password-1');
  await page.getByLabel('New password', { exact: true }).fill('Lantern-tea-river-58');
  await page.getByLabel('Confirm new password').fill('Lantern-tea-river-58');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await page.getByRole('alert').filter({ hasText: 'The current password is wrong (error code: wrong_password)' }).waitFor();
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: /系统管理员/ }).click();
  await page.getByText('中文').click();
  await page.getByText('行政区划').first().waitFor();
});

step(
  'a new county officer must change the one-time password first; a guessable one is refused with the reasons',
  async ({ page, server, context }) => {
    // The admin creates the account through the API with the browser's own session.
    const oneTime = (
      await apiCall(page, 'POST', '/users', {
        username: 'beihu',
        displayName: '北湖区质监员',
        role: 'county_officer',
        regionCode: '431002',
      })
    ).oneTimePassword as string;
    assert(/^[A-Za-z2-9]{14}$/.test(oneTime), `no one-time password: ${oneTime}`);
    await context.clearCookies();
    await login(page, server.url, 'beihu', oneTime);
    await page.waitForURL(/\/password/);
    await page.getByLabel('原密码').fill(oneTime);
    await page.getByLabel('新密码', { exact: true }).fill('beihu123456');
    await page.getByLabel('确认新密码').fill('beihu123456');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.getByRole('alert').filter({ hasText: '（错误代码：weak_password）' }).waitFor();
    await page.getByText('密码太容易被猜到：请加长，或用几个不常见的词组合').waitFor();
    await firstSignIn(page, server.url, 'beihu', oneTime, 'Beihu-new-pass-1', '北湖区质监员');
    await page.screenshot({ path: path.join(SHOTS, 'county-officer.png'), fullPage: true });
  },
);

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
  for (const [url, ready] of [
    ['/', '资兴市'],
    ['/enterprises', '企业名称'],
    ['/import', '选择要导入的数据类别'],
    ['/admin/users', '账号'],
  ] as const) {
    await page.goto(`${server.url}${url}`);
    await page.getByText(ready).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `${url} is ${overflow}px wider than the window`);
  }
});
