import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium-flags';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

/** The built web app must exist: the API serves it from web/dist. */
export function assertWebBuilt(): void {
  if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is not built: run `npm run build:web` (the root `npm test` does it through setup.mjs)');
  }
}

/** Headless Chromium with the shared e2e flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/**
 * A page of its own browser context (its own cookies, so its own session) that records
 * page errors and console errors, except the 401 of asking who is signed in before sign-in.
 */
export async function newSessionPage(browser: Browser, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.location().url.endsWith('/api/v1/auth/me')) return;
    errors.push(message.text());
  });
  return page;
}

/** Signs in through the sign-in form and waits for the app shell. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type="submit"]');
  // The shell is up: the account menu on a wide screen, the Menu button on a narrow one.
  await page.getByRole('button', { name: /^(account menu|Menu)$/ }).waitFor();
}
