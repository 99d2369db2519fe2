/**
 * Browser steps: each published table of test/fixtures/result-tables.ts imported unchanged through
 * the console, the officer answering only what the table does not say.
 */
import type { Page } from 'playwright-core';
import {
  DISTRICT_FAILURES,
  FOOD_FAILURES,
  NATIONAL_PRODUCTS,
  PRODUCERS_LIST,
  PROVINCE_RESULTS,
  writeTable,
  type PublishedTable,
} from '../fixtures/result-tables';

type ApiCall = <T = any>(page: Page, method: string, url: string, body?: unknown) => Promise<T>;

/** Picks an option of a select by typing part of its label. */
async function pick(page: Page, label: string, text: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}
async function fillDate(page: Page, label: string, value: string) {
  const input = page.getByRole('dialog').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await page.keyboard.press('Enter');
}
async function fillNumber(page: Page, label: string, value: number) {
  await page.getByRole('dialog').getByLabel(label, { exact: true }).fill(String(value));
}
async function apply(page: Page) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '按以上设置重新预览' }).click();
  await dialog.getByText('设置已修改，请先重新预览再确认').waitFor({ state: 'detached' });
}

/**
 * Imports every published fixture table into a plan of its own through the console. `uscc(n)`
 * gives valid codes for the archive firms the tables name; `shots` is where screenshots go.
 */
export async function importPublishedTables(
  page: Page,
  url: string,
  apiCall: ApiCall,
  work: string,
  uscc: (n: number) => string,
  shot: (name: string) => string,
) {
  const categories = (await apiCall<{ items: { code: string; name: string }[] }>(page, 'GET', '/reference/product-categories')).items;
  const code = (name: string) => categories.find((c) => c.name === name)!.code;
  const firms = ['郴州市安盾消防器材有限公司', '郴州市湘南电缆有限公司', '郴州市湘华电缆有限公司', '郴州市绿野塑料制品有限公司'];
  for (const [i, name] of firms.entries())
    await apiCall(page, 'POST', '/enterprises', { uscc: uscc(60 + i), name, regionCode: '431002', industryCode: 'chem_machinery' });
  const plan = (year: number, level: string, title: string, names: string[]) =>
    apiCall<{ id: string }>(page, 'POST', '/inspection-plans', {
      year,
      level,
      title,
      departmentCode: 'quality',
      regionCode: '431000',
      categories: names.map((n) => ({ categoryCode: code(n), plannedBatches: 10, testItems: ['项目'] })),
    });
  const open = async (title: string, table: PublishedTable, issuer?: string) => {
    await page.goto(`${url}/inspections/plans`);
    await page.locator('tr').filter({ hasText: title }).getByRole('button', { name: '导入结果表' }).click();
    const dialog = page.getByRole('dialog');
    if (issuer) await dialog.getByLabel('发布机关').fill(issuer);
    await dialog.locator('input[type=file]').setInputFiles(writeTable(table, work, { USCC1: uscc(60) }));
    await dialog.getByRole('columnheader', { name: '表中的列' }).first().waitFor({ timeout: 30_000 });
    return dialog;
  };
  /** A failures-only list with no date or category column, every batch listed: what the officer types in. */
  const failuresList = async (date: string, category: string, batches: number) => {
    await page.getByRole('dialog').getByText('不合格产品名单（每行均为不合格').click();
    await fillDate(page, '公告日期', date);
    await pick(page, '整表的产品类别', category);
    await fillNumber(page, '公告的抽查总批次', batches);
    await fillNumber(page, '公告的不合格批次', batches);
    await apply(page);
  };
  const confirm = async (done: RegExp) => {
    await page.getByRole('dialog').getByRole('button', { name: '确认导入' }).click();
    await page.getByText(done).waitFor();
  };

  // A national notice: the header under 附件 and a title, merged over two rows; the date and category asked for; a look-alike chosen.
  await plan(2026, 'national', 'E2E 国抽电线电缆', ['电线电缆']);
  let dialog = await open('E2E 国抽电线电缆', NATIONAL_PRODUCTS);
  await dialog.getByText('第 3 行是表头（共 2 行）').waitFor();
  await dialog.getByText('表中没有抽样日期：请填写公告日期').waitFor();
  await fillDate(page, '公告日期', '2026-11-20');
  await pick(page, '整表的产品类别', '电线电缆');
  await apply(page);
  await dialog.getByLabel('选择档案中的企业（不选则不关联） 6').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '郴州市湘华电缆有限公司' }).click();
  await page.screenshot({ path: shot('result-import-national.png'), fullPage: true });
  await confirm(/已导入：关联档案 2 批次，未关联 1 批次，跳过有错误的 0 批次/);

  // A food failures list (.xls): the officer says it is a failures-only list; the notice's totals count 35 unlisted qualified batches.
  await plan(2026, 'city', 'E2E 食品抽检第12期', ['粮食加工品']);
  dialog = await open('E2E 食品抽检第12期', FOOD_FAILURES, '郴州市市场监督管理局');
  await dialog.getByText('从表格上方文字读到：共 40 批次，不合格 5 批次').waitFor();
  await dialog.getByText('不合格产品名单（每行均为不合格').click();
  await fillDate(page, '公告日期', '2026-11-25');
  await apply(page);
  await pick(page, '未列明合格批次的类别', '粮食加工品');
  await apply(page);
  await dialog.getByText('委托方：郴州市金禾米业有限公司', { exact: true }).waitFor();
  await dialog.getByText('备注有异议：0').waitFor();
  await page.screenshot({ path: shot('result-import-food.png'), fullPage: true });
  await confirm(/按公告总数计入未列明的合格批次 35 个/);

  // A district list as a GBK CSV: kind, date, category and the notice's totals typed in.
  await plan(2026, 'city', 'E2E 宜章县塑料薄膜', ['农用薄膜']);
  await open('E2E 宜章县塑料薄膜', DISTRICT_FAILURES, '宜章县市场监督管理局');
  await failuresList('2026-10-10', '农用薄膜', 2);
  await page.getByRole('dialog').getByText('经销商：宜章县某建材店', { exact: true }).waitFor();
  await confirm(/已导入：关联档案 1 批次，未关联 1 批次/);

  // A provincial table served as HTML under .xls: nothing to add but the issuer already suggested.
  await plan(2026, 'provincial', 'E2E 省抽灭火器电热毯', ['灭火器', '电热毯']);
  await open('E2E 省抽灭火器电热毯', PROVINCE_RESULTS);
  await page.getByRole('dialog').getByText('备注有异议：0').waitFor();
  await confirm(/已导入：关联档案 3 批次，未关联 2 批次/);

  // A producers list from another year than its plan: the year must be chosen.
  await plan(2025, 'provincial', 'E2E 复查仍不合格', ['电线电缆']);
  await open('E2E 复查仍不合格', PRODUCERS_LIST, '湖南省市场监督管理局');
  await failuresList('2026-08-01', '电线电缆', 1);
  await page.getByRole('dialog').getByText('公告年份 2026 与计划年份 2025 不同：请选择计入哪一年').waitFor();
  await page.getByRole('dialog').getByRole('radio', { name: '2026' }).check();
  await apply(page);
  await confirm(/已导入：关联档案 1 批次.*计入 2026 年/);
}
