/** Browser steps: targets: reported values and their review, the dashboard and its report, the matrix at 1440 px, the reporting page. */
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD, SHOTS, WORK, uscc, assert, login, firstSignIn, apiCall, pick, day, stepList } from './harness';

const { steps, step } = stepList();
export default steps;

step(
  'targets: a reporter submits, the office returns, the reporter corrects, the office approves and the dashboard changes; a number opens its records',
  async ({ page, server, context }) => {
    await context.clearCookies();
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    const year = Number(day(0).slice(0, 4)) - 1;
    // The office copies the 2010–2015 plan for the period that includes last year.
    await page.getByRole('menuitem', { name: '目标看板' }).click();
    await page.getByRole('tab', { name: '计划与指标' }).click();
    await page.getByRole('button', { name: '复制为新计划' }).click();
    const copy = page.getByRole('dialog');
    await copy.getByLabel('计划编码').fill(`zlxc-${year - 1}-${year + 3}`);
    await copy.getByLabel('计划名称').fill(`质量兴郴 ${year - 1}—${year + 3}`);
    await copy.getByLabel('起始年份').fill(String(year - 1));
    await copy.getByLabel('结束年份').fill(String(year + 3));
    await copy.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`${year - 1}—${year + 3} 年，34 项指标`).waitFor();
    const oneTime = (
      await apiCall(page, 'POST', '/users', {
        username: 'zhujian',
        displayName: '住建局填报员',
        role: 'department_reporter',
        departmentCode: 'housing',
      })
    ).oneTimePassword as string;

    await context.clearCookies();
    await firstSignIn(page, server.url, 'zhujian', oneTime, 'Zhujian-pass-2026', '住建局填报员');
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    const task = page.locator('tr').filter({ hasText: '工程一次验收合格率' }).filter({ hasText: '北湖区' });
    const enter = async (num: string, den: string, comment?: string) => {
      await task.getByRole('button', { name: /填\s*报/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('分子').fill(num);
      await dialog.getByLabel('分母').fill(den);
      if (comment) await dialog.getByLabel('说明').fill(comment);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await task.getByText('草稿').waitFor();
      await task.getByRole('button', { name: /提\s*交/ }).click();
      await task.getByText('已提交').waitFor();
    };
    await enter('45', '50');

    await context.clearCookies();
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await page.getByRole('tab', { name: '审核' }).click();
    const queued = page.getByRole('tabpanel').locator('tr').filter({ hasText: 'CON-FIRSTPASS' });
    await queued.getByRole('button', { name: /退\s*回/ }).click();
    await page.getByRole('dialog').getByLabel('退回原因').fill('请按竣工验收备案台账核对');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await queued.waitFor({ state: 'detached' });

    await context.clearCookies();
    await login(page, server.url, 'zhujian', 'Zhujian-pass-2026');
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await task.getByText('已退回').waitFor();
    await task.getByText('请按竣工验收备案台账核对').waitFor();
    await enter('48', '50', '已按台账更正');
    await page.screenshot({ path: path.join(SHOTS, 'reporting.png'), fullPage: true });

    await context.clearCookies();
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await page.getByRole('tab', { name: '审核' }).click();
    await page
      .getByRole('tabpanel')
      .locator('tr')
      .filter({ hasText: 'CON-FIRSTPASS' })
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await page.getByRole('tabpanel').locator('tr').filter({ hasText: 'CON-FIRSTPASS' }).getByText('已审核').waitFor();
    // The dashboard of the new plan, last year: 48 of 50 = 96.00 %.
    await page.getByRole('menuitem', { name: '目标看板' }).click();
    const row = page.locator('tr').filter({ hasText: '工程一次验收合格率' });
    await row.getByRole('button', { name: /96\.00%/ }).waitFor();
    await row.getByText('接近').waitFor(); // 96 % of a 100 % target: within 5 %
    await page.screenshot({ path: path.join(SHOTS, 'targets.png'), fullPage: true });
    await row.getByRole('button', { name: /96\.00%/ }).click();
    await page.getByRole('dialog').getByRole('cell', { name: '北湖区' }).waitFor();
    await page.keyboard.press('Escape');
    // A computed number: the records in its denominator, as many as the number says.
    const coverage = page.locator('tr').filter({ hasText: '工业产品标准覆盖率' });
    await coverage.getByRole('button').first().click();
    const drawer = page.getByRole('dialog');
    const denominator = await drawer.locator('th:has-text("分母") + td').innerText();
    await drawer.getByRole('tab', { name: '分母' }).click();
    await drawer.getByText(`共 ${denominator} 条产品记录`).waitFor();
    await page.keyboard.press('Escape');
    // A pass rate: last year's provincial table is imported (2 qualified, 1 not); its number opens exactly those 3 batches.
    const bikes = ((await apiCall(page, 'GET', '/reference/product-categories')).items as { code: string; name: string }[]).find(
      (c) => c.name === '电动自行车',
    )!.code;
    await apiCall(page, 'POST', '/inspection-plans', {
      year,
      level: 'provincial',
      title: 'E2E 上年省级监督抽查',
      departmentCode: 'quality',
      regionCode: '431000',
      categories: [{ categoryCode: bikes, plannedBatches: 3, testItems: ['车速限值'] }],
    });
    const results = [
      ['G-1', '合格', ''],
      ['G-2', '合格', ''],
      ['G-3', '不合格', '车速限值'],
    ].map(
      ([model, verdict, failed]) =>
        `电动自行车,,${model},${year}-05,某商场,郴州市导入测试甲有限公司,${uscc(1)},${verdict},${failed},省检验院,${year}-06-01`,
    );
    fs.writeFileSync(
      path.join(WORK, 'province-last-year.csv'),
      `\ufeff${['产品名称,商标,规格型号,生产日期/批号,受检单位,标称生产企业,统一社会信用代码,检验结论,不合格项目,检验机构,抽样日期', ...results].join('\n')}\n`,
    );
    await page.goto(`${server.url}/inspections/plans`);
    await page.locator('tr').filter({ hasText: 'E2E 上年省级监督抽查' }).getByRole('button', { name: '导入结果表' }).click();
    const upload = page.getByRole('dialog');
    await upload.locator('input[type=file]').setInputFiles(path.join(WORK, 'province-last-year.csv'));
    await upload.getByLabel('整表的产品类别', { exact: true }).click();
    await page.keyboard.type('电动自行车');
    // The one option left is the active one: Enter takes it (a click can land while the list re-renders).
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').filter({ hasText: '电动自行车' }).waitFor();
    await page.keyboard.press('Enter');
    await upload.getByRole('button', { name: '按以上设置重新预览' }).click();
    await upload.getByText('已匹配：3').waitFor();
    await upload.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入：关联档案 3 批次，未关联 0 批次，跳过有错误的 0 批次').waitFor();
    await page.getByRole('menuitem', { name: '目标看板' }).click();
    await page.locator('tr').filter({ hasText: '国家和省级监督抽查合格率高于全省平均' }).getByRole('button').first().click();
    const batches = page.getByRole('dialog');
    assert(
      (await batches.locator('th:has-text("分子") + td').innerText()) === '2' &&
        (await batches.locator('th:has-text("分母") + td').innerText()) === '3',
      'the pass rate counts 2 qualified of 3 batches',
    );
    await batches.getByText('共 2 条抽查批次记录').waitFor();
    await batches.getByRole('tab', { name: '分母' }).click();
    await batches.getByText('共 3 条抽查批次记录').waitFor();
    const listed = batches.getByRole('tabpanel', { name: '分母' }).locator('tbody tr').filter({ hasText: '郴州市导入测试甲有限公司' });
    await listed.nth(2).waitFor();
    assert((await listed.count()) === 3, 'the denominator lists the three imported batches and nothing else');
    await page.screenshot({ path: path.join(SHOTS, 'targets-pass-rate-batches.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: '县市区对比' }).click();
    await page.getByRole('columnheader', { name: '资兴市' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'targets-matrix.png'), fullPage: true });
    // Who is behind: 市住建局 owns 4 reported indicators (工程一次验收合格率 接近, 3 without data), 44 county figures due by 30 January, 1 in and approved.
    await page.getByRole('tab', { name: '部门责任' }).click();
    const housing = page.getByRole('tabpanel', { name: '部门责任' }).locator('tr').filter({ hasText: '市住建局' });
    await housing.waitFor();
    const late = day(0) > `${year + 1}-01-30` ? '44' : '0';
    // The row is drawn first from the indicators alone; the figures' counts follow when their query answers.
    const expected = JSON.stringify(['市住建局', '4', '0', '1', '0', '3', '44', '1', '1', late]);
    let cells: string[] = [];
    for (const until = Date.now() + 15_000; Date.now() < until; await page.waitForTimeout(250)) {
      cells = await housing.locator('td').allInnerTexts();
      if (JSON.stringify(cells) === expected) break;
    }
    assert(JSON.stringify(cells) === expected, `市住建局 row: ${cells.join(' | ')}`);
    await page.getByRole('tab', { name: '指标看板' }).click();
    await page.getByRole('button', { name: '打印报告' }).click();
    await page.getByText(/项指标中，达标 \d+ 项/).waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'targets-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  },
);

/** How many pages a PDF from Chromium has: one `/Type /Page` object per page. */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

step('the targets report prints on a few A4 pages with a readable name column', async ({ page, server, context }) => {
  await context.clearCookies();
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByRole('menuitem', { name: '目标看板' }).click();
  // Run alone on a fresh PostgreSQL database, the first dashboard computes every sum (~20 s).
  await page.getByRole('button', { name: '打印报告' }).click({ timeout: 60_000 });
  await page.getByText(/项指标中，达标 \d+ 项/).waitFor({ timeout: 60_000 });
  await page.getByRole('columnheader', { name: '资兴市' }).waitFor({ timeout: 60_000 });
  // The button says what it does.
  await page.getByRole('button', { name: /打\s*印$/ }).waitFor();
  // Print media at the width of A4 portrait between the margins (210 − 2 × 15 mm = 180 mm = 680 px).
  await page.setViewportSize({ width: 680, height: 960 });
  await page.emulateMedia({ media: 'print' });
  // An indicator's name fits on a line or two, never one character a line.
  const names = await page.locator('.target-report-indicators tbody td:first-child').evaluateAll((cells) =>
    cells.map((c) => {
      const text = document.createRange();
      text.selectNodeContents(c);
      return { width: c.getBoundingClientRect().width, lines: new Set([...text.getClientRects()].map((r) => Math.round(r.bottom))).size };
    }),
  );
  const narrowest = Math.min(...names.map((n) => n.width));
  const tallest = Math.max(...names.map((n) => n.lines));
  await page.screenshot({ path: path.join(SHOTS, 'targets-report-a4.png'), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(SHOTS, 'targets-report.pdf'), pdf);
  const pages = pdfPages(pdf);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 800 });
  assert(
    names.length > 20 && narrowest >= 180 && tallest <= 3 && pages >= 1 && pages <= 3,
    `the report prints on ${pages} pages; the narrowest name cell is ${narrowest}px, the longest name wraps onto ${tallest} lines`,
  );
});

step(
  'at 1440 px: the archive in pinyin order with numbered pages and a jump, 复评到期 readable, the county matrix inside its card',
  async ({ page, server, context }) => {
    await context.clearCookies();
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('cell', { name: '资兴市' }).waitFor();
    await page.goto(`${server.url}/enterprises`);
    const names = () => page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    const inPinyinOrder = (list: string[]) => list.every((n, i) => i === 0 || new Intl.Collator('zh-CN').compare(list[i - 1]!, n) <= 0);
    const first = await names();
    assert(first.length === 20 && inPinyinOrder(first), `page 1 is not in pinyin order: ${first.join('、')}`);
    const pages = Number((await page.locator('.ant-pagination-total-text').innerText()).match(/共 (\d+) 页/)?.[1]);
    assert(pages > 3, `the pager shows no page count (${pages})`);
    await page.locator('.ant-pagination-options-quick-jumper input').fill('3');
    await page.locator('.ant-pagination-options-quick-jumper input').press('Enter');
    await page.locator('.ant-pagination-item-active', { hasText: '3' }).waitFor();
    await page.waitForFunction(
      (before) => document.querySelector('.ant-table-tbody tr.ant-table-row td')?.textContent !== before,
      first[0],
    );
    const third = await names();
    assert(inPinyinOrder([...first, ...third]), `page 3 does not follow page 1 in pinyin order: ${third[0]} after ${first.at(-1)}`);
    // One character: the box says it needs two, and nothing is asked of the API (a 400 would fail the step).
    await page.getByLabel('搜索').fill('郴');
    await page.getByText('请至少输入 2 个字再搜索').waitFor();
    await page.waitForTimeout(500);
    assert((await names()).join() === third.join(), 'a one-character search changed the list');

    await page.getByRole('menuitem', { name: '名牌与荣誉' }).click();
    await page.getByRole('tab', { name: '复评到期' }).click();
    const reviews = page.getByRole('tabpanel', { name: '复评到期' });
    await reviews.locator('tr.ant-table-row').first().waitFor();
    const narrow = await reviews
      .locator('thead th')
      .evaluateAll((cells) =>
        cells.map((c) => [c.textContent, Math.round(c.getBoundingClientRect().width)] as const).filter(([, w]) => w < 80),
      );
    assert(narrow.length === 0, `复评到期 columns squeezed: ${JSON.stringify(narrow)}`);

    await page.getByRole('menuitem', { name: '目标看板' }).click();
    await page.getByRole('tab', { name: '县市区对比' }).click();
    await page.getByRole('columnheader', { name: '资兴市' }).waitFor();
    const spill = await page.getByRole('tabpanel', { name: '县市区对比' }).evaluate((panel) => {
      const card = panel.closest('.ant-card')!.getBoundingClientRect();
      const table = panel.querySelector('.ant-table-wrapper')!.getBoundingClientRect();
      return Math.round(table.right - card.right);
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(spill <= 0 && overflow <= 0, `the county matrix runs ${spill}px past its card, the page ${overflow}px past the window`);
    await page.screenshot({ path: path.join(SHOTS, 'targets-matrix-1440.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  },
);

step(
  "the reporting page opens on the plan's year and filters; a county officer, without it in the menu, cannot open it by address",
  async ({ page, server, context }) => {
    await context.clearCookies();
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('cell', { name: '资兴市' }).waitFor();
    // The year the page should open on: last year held within the running plan (else the latest).
    const plans = (await apiCall(page, 'GET', '/target-plans')).items as { startYear: number; endYear: number }[];
    const thisYear = new Date().getFullYear();
    const plan = plans.find((p) => p.startYear <= thisYear && thisYear <= p.endYear) ?? plans[0]!;
    const opening = Math.min(plan.endYear, Math.max(plan.startYear, thisYear - 1));
    await page.getByRole('menuitem', { name: '数据填报' }).click();
    await page.locator('.ant-select-content-has-value', { hasText: `${opening}年` }).waitFor();
    const tasks = page.getByRole('tabpanel', { name: '填报任务' });
    await tasks.locator('tr.ant-table-row').first().waitFor();
    await pick(page, page, '所属县市区', '北湖区');
    const regions = await tasks.locator('tr.ant-table-row td:nth-child(2)').allInnerTexts();
    assert(
      regions.length > 0 && regions.every((r) => r === '北湖区'),
      `filtered by 北湖区, the tasks show ${[...new Set(regions)].join('、')}`,
    );
    await page.getByLabel('指标名称或编码').fill('CON-FIRSTPASS');
    await page.getByLabel('指标名称或编码').press('Enter');
    await tasks.locator('tr.ant-table-row').filter({ hasText: '工程一次验收合格率' }).first().waitFor();
    assert((await tasks.locator('tr.ant-table-row').count()) === 1, 'one indicator in one county after both filters');

    const oneTime = (
      await apiCall(page, 'POST', '/users', {
        username: 'yizhang',
        displayName: '宜章县质监员',
        role: 'county_officer',
        regionCode: '431022',
      })
    ).oneTimePassword as string;
    await context.clearCookies();
    await firstSignIn(page, server.url, 'yizhang', oneTime, 'Yizhang-pass-2026', '宜章县质监员');
    assert((await page.getByRole('menuitem', { name: '数据填报' }).count()) === 0, 'a county officer has 数据填报 in the menu');
    await page.goto(`${server.url}/reporting`);
    await page.getByText('无权访问此页面').waitFor();
    assert((await page.getByRole('tab', { name: '填报任务' }).count()) === 0, 'the reporting page opened for a county officer');
  },
);

step('the English console shows indicator units in English', async ({ page, server, context }) => {
  await context.clearCookies();
  await login(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByRole('button', { name: /系统管理员/ }).click();
  await page.getByText('English').click();
  await page.getByText('Hello, 系统管理员').waitFor();
  await page.getByRole('menuitem', { name: 'Targets' }).click();
  const table = page.getByRole('tabpanel').first().locator('.ant-table-tbody');
  await table
    .getByText(/\d enterprises$/)
    .first()
    .waitFor({ timeout: 60_000 }); // a cold dashboard on PostgreSQL
  const cells = (await table.allInnerTexts()).join('\n');
  const chinese = cells.match(/\d\s*(家|个百分点|个|项)/);
  assert(!chinese, `a Chinese unit is left in the English dashboard: ${chinese?.[0]}`);
  await page.getByRole('button', { name: /系统管理员/ }).click();
  await page.getByText('中文').click();
  await page.getByRole('menuitem', { name: '目标看板' }).waitFor();
});
