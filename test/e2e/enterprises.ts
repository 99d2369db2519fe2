/** Browser steps: the enterprise archive: its list and profile, edits and their history, imports and exports, change proposals, the keyboard, a tablet. */
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, SHOTS, WORK, SUXIAN, uscc, assert, login, firstSignIn, apiCall, accounts, stepList } from './harness';

const { steps, step } = stepList();
const tablet = stepList();
export default steps;
/** Run last: the archive at tablet width, after every other step. */
export const tabletSteps = tablet.steps;

step('the county officer signs in and sees only their county', async ({ page, server, context }) => {
  await context.clearCookies();
  await firstSignIn(page, server.url, 'suxian', accounts.suxianPassword, 'Suxian-new-pass-1', '苏仙区质监员');
  await page.screenshot({ path: path.join(SHOTS, 'workbench.png'), fullPage: true });
  await page.getByRole('menuitem', { name: '企业档案' }).click();
  await page.getByText(/^共 \d+ 条$/).waitFor();
  // The county names come with the reference data, which may arrive after the rows.
  const regionCells = page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(3)');
  await regionCells.filter({ hasText: '苏仙区' }).first().waitFor();
  const regions = await regionCells.allInnerTexts();
  assert(regions.length > 0 && regions.every((r) => r === '苏仙区'), `the list shows other counties: ${[...new Set(regions)].join(',')}`);
  const all = await apiCall<{ items: { regionCode: string }[]; meta: { total: number } }>(page, 'GET', '/enterprises?limit=500');
  assert(all.meta.total > 0 && all.items.every((e) => e.regionCode === SUXIAN), 'the API gives the officer enterprises outside 苏仙区');
  await page.screenshot({ path: path.join(SHOTS, 'archive-list.png'), fullPage: true });
});

let profileUrl = '';
step('a 2-character fragment finds an enterprise; its profile opens', async ({ page }) => {
  const { items } = await apiCall<{ items: { name: string }[] }>(page, 'GET', '/enterprises?limit=1&sort=-name');
  const name = items[0]!.name;
  const fragment = [...name].slice(3, 5).join(''); // past "郴州市"
  await page.getByLabel('搜索').fill(fragment);
  await page.getByRole('link', { name }).first().click();
  await page.getByRole('heading', { name }).waitFor();
  profileUrl = page.url();
  await page.getByRole('tab', { name: /年度经济指标/ }).click();
  await page.locator('canvas').first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'profile.png'), fullPage: true });
});

step('an edit shows in the history tab', async ({ page }) => {
  await page.getByRole('button', { name: '编辑基本信息' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('联系电话').fill('0735-2881234');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('tab', { name: '变更历史' }).click();
  await page
    .getByRole('cell', { name: /修改企业/ })
    .first()
    .waitFor();
  await page.locator('.ant-table-row-expand-icon').first().click();
  await page.locator('.ant-table-expanded-row').getByText('0735-2881234').waitFor();
});

step('a second session editing the same record is told someone changed it', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto(profileUrl);
  await other.getByRole('button', { name: '编辑基本信息' }).click();
  await page.reload();
  await page.getByRole('button', { name: '编辑基本信息' }).click();
  await page.getByRole('dialog').getByLabel('联系人').fill('第一位');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await other.getByRole('dialog').getByLabel('联系人').fill('第二位');
  await other
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await other.getByRole('alert').filter({ hasText: '该记录已被他人修改' }).waitFor();
  await other.close();
});

step('an upload with two bad rows explains both; fixed, it imports and the records are there', async ({ page, server }) => {
  const header = '统一社会信用代码,企业名称,所属县市区,行业';
  const bad = [
    header,
    `${uscc(1)},郴州市导入测试甲有限公司,苏仙区,有色冶金`,
    `9143100346525942XX,郴州市导入测试乙有限公司,苏仙区,能源`,
    `${uscc(3)},郴州市导入测试丙有限公司,火星区,能源`,
  ].join('\n');
  const good = [
    header,
    `${uscc(1)},郴州市导入测试甲有限公司,苏仙区,有色冶金`,
    `${uscc(2)},郴州市导入测试乙有限公司,苏仙区,能源`,
    `${uscc(3)},郴州市导入测试丙有限公司,苏仙区,能源`,
  ].join('\n');
  fs.writeFileSync(path.join(WORK, 'bad.csv'), `\ufeff${bad}\n`);
  fs.writeFileSync(path.join(WORK, 'good.csv'), `\ufeff${good}\n`);
  await page.goto(`${server.url}/import`);
  await page.locator('input[type=file]').setInputFiles(path.join(WORK, 'bad.csv'));
  await page.getByText('有 2 行未通过校验').waitFor();
  await page.getByRole('cell', { name: '校验位错误；试点地区旧码请在“校验位例外理由”列说明' }).waitFor();
  await page.getByRole('cell', { name: '未知的县市区：火星区（填写名称或代码）' }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'import-report.png'), fullPage: true });
  await page.getByRole('button', { name: '修改后重新上传' }).click();
  await page.locator('input[type=file]').setInputFiles(path.join(WORK, 'good.csv'));
  await page.getByText('全部行校验通过').waitFor();
  await page.getByRole('button', { name: /确认导入/ }).click();
  await page.getByText('新增 3 条，更新 0 条，无变化 0 条，退回 0 条').waitFor();
  await page.goto(`${server.url}/enterprises?q=${encodeURIComponent('导入测试')}`);
  await page.getByRole('link', { name: '郴州市导入测试丙有限公司' }).waitFor();
});

step('the filtered list exports and re-imports with no change', async ({ page, server }) => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 CSV/ }).click()]);
  const file = path.join(WORK, 'export.csv');
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  assert(text.split('\n').filter((l) => l.trim()).length === 4, `the export has ${text.split('\n').length} lines, not a header and 3 rows`);
  await page.goto(`${server.url}/import`);
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByText('文件与档案一致，无需导入').waitFor();
});

step("the template's example row is skipped with a note, sent back as downloaded", async ({ page, server }) => {
  await page.goto(`${server.url}/import`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel 模板' }).click()]);
  const file = path.join(WORK, 'template.xlsx');
  await download.saveAs(file);
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByText('第 2 行是模板的示例行，已跳过').waitFor();
  assert(!(await page.getByText('有 1 行未通过校验').isVisible()), 'the example row was checked as data');
});

step('an enterprise proposes a new phone number; the county officer accepts it into the archive', async ({ page, server, context }) => {
  // Set up as admin through the API: an account for one enterprise of 苏仙区.
  await context.clearCookies();
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByText('系统管理员，您好').waitFor();
  const list = await apiCall<{ items: { id: string }[] }>(page, 'GET', '/enterprises?regionCode=431003&limit=1&sort=uscc');
  const oneTime = (
    await apiCall(page, 'POST', '/users', {
      username: 'qiye',
      displayName: '企业填报员',
      role: 'enterprise_user',
      enterpriseId: list.items[0]!.id,
    })
  ).oneTimePassword as string;
  await context.clearCookies();
  await firstSignIn(page, server.url, 'qiye', oneTime, 'Qiye-new-pass-1', '企业填报员');
  await page.getByRole('menuitem', { name: '企业档案' }).click();
  await page.getByText('共 1 条').waitFor();
  await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  assert(!(await page.getByRole('button', { name: '编辑基本信息' }).isVisible()), 'an enterprise user may not edit the record directly');
  await page.getByRole('tab', { name: '变更申请' }).click();
  await page.getByRole('button', { name: '申请修改联系信息' }).click();
  await page.getByRole('dialog').getByLabel('联系电话').fill('0735-7654321');
  await page.getByRole('dialog').getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('cell', { name: '待审核' }).waitFor();
  const url = page.url();

  await context.clearCookies();
  await login(page, server.url, 'suxian', 'Suxian-new-pass-1');
  await page.getByText('苏仙区质监员，您好').waitFor();
  await page.goto(url);
  await page.getByRole('tab', { name: '变更申请' }).click();
  await page.getByRole('button', { name: /采\s*纳/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByRole('cell', { name: '已采纳' }).waitFor();
  await page.getByRole('tab', { name: '基本信息' }).click();
  await page.getByText('0735-7654321').first().waitFor();
});

step('keyboard only: sign in with Tab and Enter, search the archive, open a result', async ({ page, server, context }) => {
  await context.clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('账号').focus();
  await page.keyboard.type('suxian');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Suxian-new-pass-1');
  await page.keyboard.press('Enter');
  await page.getByText('苏仙区质监员，您好').waitFor();
  await page.getByLabel('搜索', { exact: true }).focus();
  await page.keyboard.type('导入测试');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/enterprises\?q=/);
  const link = page.getByRole('link', { name: '郴州市导入测试甲有限公司' });
  await link.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '郴州市导入测试甲有限公司' }).waitFor();
});

tablet.step('the archive works at tablet width', async ({ page, server }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(`${server.url}/enterprises`);
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `page is ${overflow}px wider than the window`);
  await page.screenshot({ path: path.join(SHOTS, 'archive-tablet.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
});
