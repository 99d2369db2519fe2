/** Browser steps: the administrator's pages: users first (its county officer signs in next), reference data and the audit log last (it shows what the others did). */
import path from 'node:path';
import { ADMIN_PASSWORD, SHOTS, assert, login, pick, accounts, stepList } from './harness';

const users = stepList();
const pages = stepList();
export const userSteps = users.steps;
export const adminPageSteps = pages.steps;

users.step('admin creates a county officer on the users page', async ({ page, server, context }) => {
  await context.clearCookies();
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('账号').fill('suxian');
  await dialog.getByLabel('姓名').fill('苏仙区质监员');
  await pick(page, dialog, '所属县市区', '苏仙区');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  const shown = page.getByTestId('one-time-password');
  await shown.waitFor();
  accounts.suxianPassword = (await shown.innerText()).trim();
  assert(/^[A-Za-z2-9]{14}$/.test(accounts.suxianPassword), `no one-time password shown: ${accounts.suxianPassword}`);
  await page.screenshot({ path: path.join(SHOTS, 'users.png'), fullPage: true });
  await page.getByRole('button', { name: /OK|确\s*定|知道了/ }).click();
  await page.getByRole('cell', { name: 'suxian', exact: true }).waitFor();
});

pages.step('admin pages: reference data and the audit log', async ({ page, server, context }) => {
  await context.clearCookies();
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByRole('menuitem', { name: '基础数据' }).click();
  await page.getByRole('cell', { name: '资兴市' }).waitFor();
  await page.getByRole('tab', { name: '产品类别' }).click();
  await page.getByRole('cell', { name: '纸杯', exact: true }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'reference.png'), fullPage: true });
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByRole('cell', { name: '考评定级' }).first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'audit.png'), fullPage: true });
});
