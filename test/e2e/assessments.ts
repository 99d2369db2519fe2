/** Browser steps: the county assessment from scheme to ranking. */
import path from 'node:path';
import { ADMIN_PASSWORD, SHOTS, assert, login, confirmPop, day, stepList } from './harness';

const { steps, step } = stepList();
export default steps;

step(
  'county assessment: the office sets and opens the scheme, counties file, the office reviews and finalises; a vetoed county ranks last with D',
  async ({ page, server, context }) => {
    await context.clearCookies();
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '质量兴县考评' }).click();
    const year = Number(day(0).slice(0, 4)) - 1;
    await page.getByRole('button', { name: `制定 ${year} 年考评方案` }).click();
    await page.getByRole('dialog').getByText('指标项与工作项合计 100 分（应为 100 分）').waitFor();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByRole('button', { name: '发布方案' }).click();
    await confirmPop(page);
    await page.getByRole('cell', { name: '资兴市' }).waitFor();
    // Every county files and is reviewed (by API: eleven times the same forms); 桂阳县 has a veto.
    await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const call = async (method: string, url: string, body?: unknown) => {
        const res = await fetch(`/api/v1${url}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      const scheme = (await call('GET', '/assessment-schemes')).items[0];
      const { counties } = await call('GET', `/assessment-schemes/${scheme.id}/results`);
      const work = scheme.items.filter((i: { kind: string }) => i.kind === 'work');
      for (const c of counties) {
        const filed = await call('POST', `/county-assessments/${c.id}/filing`, { version: c.version });
        await call('POST', `/county-assessments/${c.id}/review`, {
          scores: work.map((i: { id: string; points: number }) => ({ itemId: i.id, score: c.regionCode === '431002' ? i.points : 0 })),
          ...(c.regionCode === '431021' ? { vetoReason: '发生区域性食品安全事故' } : {}),
          version: filed.version,
        });
      }
    });
    await page.reload();
    await page.getByRole('button', { name: /定\s*级/ }).click();
    await confirmPop(page);
    const vetoed = page.locator('tr').filter({ hasText: '桂阳县' });
    await vetoed.getByText('D · 否决').waitFor();
    assert((await vetoed.locator('td').first().innerText()).trim() === '11', 'the vetoed county is not last');
    const beihu = page.locator('tr').filter({ hasText: '北湖区' });
    await beihu.locator('td').first().filter({ hasText: /^1$/ }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'assessment.png'), fullPage: true });
    await beihu.click();
    await page.getByRole('dialog').getByText('工业产品标准覆盖率').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'assessment-county.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '打印通报' }).click();
    await page.getByText('以下县市区发生否决事项，定为 D 级：桂阳县（发生区域性食品安全事故）。').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'assessment-notice.png'), fullPage: true });
    // Opened without a scheme (a bookmark), the notice takes the latest one, with a chooser.
    await page.goto(`${server.url}/assessment/notice`);
    await page.getByText('以下县市区发生否决事项，定为 D 级：桂阳县（发生区域性食品安全事故）。').waitFor();
    await page.getByLabel('考评方案').waitFor();
  },
);
