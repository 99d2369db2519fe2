/** Browser steps: brands: honours, cultivation, key projects and the flagship list. */
import path from 'node:path';
import { ADMIN_PASSWORD, SHOTS, assert, login, apiCall, confirmPop, choose, day, stepList } from './harness';

const { steps, step } = stepList();
export default steps;

step(
  'a provincial brand is recorded for a product: in the register, on the profile, the product flagged; then revoked',
  async ({ page, server, context }) => {
    await context.clearCookies();
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '名牌与荣誉' }).click();
    await page.getByRole('button', { name: '登记荣誉' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog, '项目', '湖南省名牌产品');
    await choose(page, dialog, '企业', '导入测试丙');
    await dialog.getByLabel('涉及产品').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '电动自行车' }).first().click();
    await dialog.getByLabel('证书（案件）编号').fill('HNMP-E2E-1');
    await dialog.locator('.ant-select-content-has-value', { hasText: '湖南省名牌产品' }).waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('tr').filter({ hasText: 'HNMP-E2E-1' });
    await row.getByText('有效').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'honours.png'), fullPage: true });
    // The year's rule for this programme: CNY 200,000, the city paying 60 %.
    // No rule yet: 拟奖励 is not offered. The year's rule for this programme (CNY 200,000, the city
    // paying 60 %), made elsewhere: on the register again, it is.
    assert((await row.getByRole('button', { name: '拟奖励' }).count()) === 0, '拟奖励 offered with no reward rule');
    await apiCall(page, 'POST', '/reward-rules', {
      programmeCode: 'hunan_top_brand',
      year: Number(day(0).slice(0, 4)),
      amount: 200000,
      citySharePercent: 60,
    });
    await page.reload();
    await row.getByRole('button', { name: '拟奖励' }).click();
    await page.getByText('已按规则拟定奖励').waitFor();
    await page.getByRole('tab', { name: '奖励台账' }).click();
    const reward = page.getByRole('tabpanel').locator('tr').filter({ hasText: '郴州市导入测试丙有限公司' });
    await reward.getByRole('button', { name: /批\s*准/ }).click();
    await confirmPop(page);
    await reward.getByText('已批准').waitFor();
    await page.getByRole('cell', { name: '120,000' }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'rewards.png'), fullPage: true });
    await page.getByRole('tab', { name: '荣誉登记簿' }).click();
    await row.getByRole('link').click();
    await page.getByRole('tab', { name: '荣誉' }).click();
    await page.getByRole('tabpanel').getByText('HNMP-E2E-1').waitFor();
    const flagged = await page.evaluate(async () => {
      const id = location.pathname.split('/').pop();
      const products = (await (await fetch(`/api/v1/enterprises/${id}/products`)).json()).items as {
        name: string;
        brandProduct: boolean;
      }[];
      return products.filter((p) => p.brandProduct).map((p) => p.name);
    });
    assert(flagged.includes('电动自行车'), `the product is not flagged as a brand product: ${JSON.stringify(flagged)}`);
    const profile = page.url();
    await page.goto(`${server.url}/public/inspections`);
    await page.getByRole('tab', { name: '名牌与荣誉' }).click();
    await page.getByRole('cell', { name: '郴州市导入测试丙有限公司' }).waitFor();
    await page.goto(profile);
    await page.getByRole('tab', { name: '荣誉' }).click();
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await page.getByRole('dialog').getByLabel('撤销原因').fill('监督抽查不合格');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /撤\s*销/ })
      .press('Enter'); // by the keyboard: a click can land while the modal still settles
    await page.getByRole('tabpanel').getByText('撤销', { exact: true }).waitFor();
  },
);

step(
  'cultivation: an enterprise with a recent unqualified result is stopped at 申报 with the reason, and goes on with a recorded override',
  async ({ page, server, context }) => {
    await context.clearCookies();
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '名牌与荣誉' }).click();
    await page.getByRole('tab', { name: '培育看板' }).click();
    await page.getByRole('button', { name: '列入培育' }).click();
    const add = page.getByRole('dialog');
    await choose(page, add, '项目', '郴州名牌产品');
    await choose(page, add, '企业', '导入测试丙');
    await add.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.locator('tr').filter({ hasText: '郴州市导入测试丙有限公司' });
    await row.getByText('候选').waitFor();
    const move = async () => {
      await row.getByRole('button', { name: /推\s*进/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /保\s*存/ })
        .click();
    };
    // At a stage: the row shows it and the dialog has closed (it closes once the list is read again, so the next step starts from the row's new version).
    const at = async (stage: string) => {
      await row.getByText(stage, { exact: true }).waitFor();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
    };
    await move();
    await at('培育');
    await move();
    await page.getByRole('dialog').getByText('近年监督抽查有不合格（结论已确定）').waitFor();
    await page.getByRole('dialog').getByLabel('仍继续的理由（将留痕）').fill('已整改并经复查合格');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await at('申报');
    await page.screenshot({ path: path.join(SHOTS, 'cultivation.png'), fullPage: true });
    // 推荐 is checked again: the same block, the same override.
    await move();
    await page.getByRole('dialog').getByLabel('仍继续的理由（将留痕）').fill('已整改并经复查合格');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await at('推荐');
    await move();
    await at('评审');
    await move();
    await at('公示');
    // 认定 records the honour with its certificate.
    await row.getByRole('button', { name: /推\s*进/ }).click();
    await page.getByRole('dialog').getByLabel('证书（案件）编号').fill('CZMP-E2E-1');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByText('已认定，荣誉已登记').waitFor();
    await row.getByText('认定', { exact: true }).waitFor();
    // The application file goes with the cultivation; the steps show the override.
    await row.locator('.ant-table-row-expand-icon').click();
    await page
      .locator('.ant-table-expanded-row input[type=file]')
      .setInputFiles({ name: '郴州名牌申报书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await page
      .locator('.ant-table-expanded-row')
      .getByRole('link', { name: /郴州名牌申报书\.pdf/ })
      .waitFor();
    await page.locator('.ant-table-expanded-row').getByText('资格未通过，理由：已整改并经复查合格').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'cultivation-detail.png'), fullPage: true });
    // The year's rule, set in the console: CNY 100,000, half from the city.
    await page.getByRole('tab', { name: '奖励台账' }).click();
    await page.getByRole('button', { name: '新设奖励规则' }).click();
    const rule = page.getByRole('dialog');
    await choose(page, rule, '项目', '郴州名牌产品');
    await rule.getByLabel('奖励金额（元）').fill('100000');
    await rule.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('tabpanel').locator('tr').filter({ hasText: '郴州名牌产品' }).getByText('100,000').first().waitFor();
    await page.getByRole('tab', { name: '荣誉登记簿' }).click();
    await page.locator('tr').filter({ hasText: 'CZMP-E2E-1' }).getByRole('button', { name: '拟奖励' }).click();
    await page.getByText('已按规则拟定奖励').waitFor();
    await page.getByRole('tab', { name: '奖励台账' }).click();
    const reward = page
      .getByRole('tabpanel')
      .locator('tr')
      .filter({ hasText: '郴州名牌产品' })
      .filter({ hasText: '郴州市导入测试丙有限公司' });
    await reward.getByText('拟奖励').waitFor();
    await reward.getByText('100,000').waitFor();
  },
);

step('key projects: one recorded and selected for the year; the flagship list shows its goal', async ({ page, server, context }) => {
  await context.clearCookies();
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByRole('menuitem', { name: '名牌与荣誉' }).click();
  await page.getByRole('tab', { name: '技改项目' }).click();
  await page.getByRole('button', { name: '登记技改项目' }).click();
  const add = page.getByRole('dialog');
  await choose(page, add, '企业', '导入测试丙');
  await add.getByLabel('项目名称').fill('电动自行车智能装配线技术改造');
  await add.getByLabel('计划总投资（元）').fill('36000000');
  await add.getByRole('button', { name: /保\s*存/ }).click();
  const row = page.locator('tr').filter({ hasText: '电动自行车智能装配线技术改造' });
  await row.getByRole('button', { name: '列为重点项目' }).click();
  await confirmPop(page);
  await row.getByText('重点', { exact: true }).waitFor();
  await page.getByText('36,000,000').first().waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'key-projects.png'), fullPage: true });
  await page.getByRole('tab', { name: '标志性企业' }).click();
  await page.getByText(/当年名单 \d+ 家，目标 30–50 家/).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'flagships.png'), fullPage: true });
});
