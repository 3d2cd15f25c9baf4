import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const DEMO_PASSWORD = 'Demo@2026!';
export const SHOTS = path.resolve(import.meta.dirname, '../test-results/e2e');

/** Debian's Chromium, never a downloaded browser; the flags keep it off the (closed) network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export type E2E = { browser: Browser; baseURL: string; newPage(opts?: { phone?: boolean }): Promise<Page> };

/** One browser per spec file, a fresh context (cookies) per page. */
export function useBrowser(): E2E {
  const state: { browser?: Browser; contexts: BrowserContext[] } = { contexts: [] };
  const baseURL = inject('baseURL');
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    state.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const c of state.contexts) await c.close();
    await state.browser?.close();
  });
  return {
    get browser() {
      return state.browser!;
    },
    baseURL,
    async newPage(opts = {}) {
      const context = await state.browser!.newContext({
        baseURL,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        ...(opts.phone
          ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport: { width: 1366, height: 800 } }),
      });
      state.contexts.push(context);
      const page = await context.newPage();
      // generous: the first page of a run loads the whole bundle into a cold browser on a 2-core machine
      page.setDefaultTimeout(30_000);
      return page;
    },
  };
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/**
 * Waits until no finite CSS animation or transition runs (a drawer sliding in, a menu fading out); endless ones
 * (spinners) do not count.
 */
export const settled = (page: Page) =>
  page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
  );

/**
 * A picture once the page has come to rest: the full page, or only the window (`fullPage: false`) while a drawer or
 * modal is open — the full-page capture stretches a scroll-locked page and leaves the overlay at window height.
 */
export async function shot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await settled(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}
