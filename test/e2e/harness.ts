/**
 * What the browser steps share: the run's constants, the step lists the feature files fill in
 * (test/e2e/run.ts runs them in order), and helpers for signing in, API set-up and antd widgets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { makeUscc } from '../../src/server/lib/uscc';
import type { RunningServer } from '../helpers/server';

export const ADMIN_PASSWORD = 'E2e-admin-pass-2026';
export const SHOTS = path.resolve('test/e2e/screenshots');
/** Files the steps write to upload (removed by the runner at the end). */
export const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-e2e-files-'));
export const SUXIAN = '431003';
export const uscc = (n: number) => makeUscc('91', SUXIAN, `MA4E${String(n).padStart(4, '0')}`);
/** What one step leaves for a later one in another file: the one-time password the users page showed. */
export const accounts = { suxianPassword: '' };

export type StepContext = { page: Page; server: RunningServer; context: BrowserContext };
export interface Step {
  name: string;
  run(ctx: StepContext): Promise<void>;
}
/** A feature's steps, in the order its `step` calls declare them. */
export function stepList() {
  const steps: Step[] = [];
  return { steps, step: (name: string, run: Step['run']) => void steps.push({ name, run }) };
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export async function login(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** A first sign-in with a one-time password: the forced change, then the greeting. */
export async function firstSignIn(page: Page, url: string, username: string, oneTime: string, password: string, greeting: string) {
  await login(page, url, username, oneTime);
  await page.waitForURL(/\/password/);
  await page.getByText('首次登录或密码已被重置，请先设置新密码。').waitFor();
  await page.getByLabel('原密码').fill(oneTime);
  await page.getByLabel('新密码', { exact: true }).fill(password);
  await page.getByLabel('确认新密码').fill(password);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByText(`${greeting}，您好`).waitFor();
}

/** An API call in the page's session (with its CSRF token), for setting up what a step does not test. */
export async function apiCall<T = any>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json)}`);
      return json;
    },
    { method, url, body },
  );
}

/**
 * Answers 确定 to the open pop-confirm (whose other answer is 取消, as in every dialog), and again
 * if it is still open: under load a click can land while it is still animating in and be lost.
 */
export async function confirmPop(page: Page) {
  const pop = page.locator('.ant-popconfirm:visible');
  await pop.getByRole('button', { name: /^取\s*消$/ }).waitFor();
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt > 0 && !(await pop.isVisible())) return;
    await pop.getByRole('button', { name: /^确\s*定$/ }).click();
    if (
      await pop.waitFor({ state: 'hidden', timeout: 3000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  await pop.waitFor({ state: 'hidden' });
}

/** An antd Select with search inside `scope`, by its label: typed, the active option taken with Enter, the choice checked. */
export async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, option: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: option }).waitFor();
  await input.press('Enter');
  await scope.locator('.ant-select-content-has-value', { hasText: option }).waitFor();
}

/** An antd Select inside `scope`, by its label: open it and pick the option. */
export async function pick(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** The date `offset` days from today (negative: before), as YYYY-MM-DD. */
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
