import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import { join } from 'node:path';

import { OPERATOR_SECRET, SCREENSHOT_DIR } from './support/e2e-environment';
import { recordRoom } from './support/recordings-fixture';

const ROOT = join(__dirname, '..', '..', '..');
const ROOM = 'Shared Room';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Pages whose console reports a Content-Security-Policy violation (the SPA and LiveKit must work under the CSP). */
const cspViolations: string[] = [];
async function watchedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return page;
}

async function freshContext(browser: Browser, baseURL: string, options: { phone?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    ...(options.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
}

test.describe.configure({ mode: 'serial' });

/** AUTH_MODE=room (the default): who sees what, share links in a fresh browser, revocation, operator sign-in. */
test.describe('access by room, share links and the operator', () => {
  let host: BrowserContext;
  let recording: string;

  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    host = await browser.newContext({ baseURL, permissions: ['clipboard-read', 'clipboard-write'] });
    recording = await recordRoom(host, ROOM);
  });
  test.afterAll(() => host.close());

  test('the browser that joined keeps no token in storage, and a browser that never joined sees nothing', async ({ browser, baseURL }) => {
    const page = await watchedPage(host);
    await page.goto('/recordings.html');
    await expect(page.getByRole('list', { name: 'All recordings' })).toContainText(recording);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toMatch(/eyJ/);
    await page.close();

    const stranger = await freshContext(browser, baseURL!);
    try {
      const strangerPage = await watchedPage(stranger);
      await strangerPage.goto('/recordings.html');
      await expect(strangerPage.getByText('This browser has not joined a room yet')).toBeVisible();
      await expect(strangerPage.getByText('No recordings to show yet: join a call')).toBeVisible();
      await expect(strangerPage.getByRole('list', { name: 'All recordings' })).toHaveCount(0);
      await expect(strangerPage.getByRole('alert')).toHaveCount(0);
      expect((await stranger.request.get('/recordings')).status()).toBe(401);
      expect((await stranger.request.get(`/recordings/${encodeURIComponent(recording)}`)).status()).toBe(401);
    } finally {
      await stranger.close();
    }
  });

  test('a share link plays in a fresh browser; revoking it makes it 404 there', async ({ browser, baseURL }) => {
    const page = await watchedPage(host);
    await page.goto('/recordings.html');
    await page.getByRole('button', { name: `Share ${recording}` }).click();
    const dialog = page.getByRole('dialog', { name: `Share “${ROOM}”` });
    await dialog.getByLabel('Link works for').selectOption({ label: '1 hour' });
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const link = await dialog.getByLabel('Share link').inputValue();
    expect(link).toMatch(new RegExp(`^${baseURL}/watch/[A-Za-z0-9_-]+$`));
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await expect(dialog.getByRole('status')).toContainText('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await screenshot(page, 'share-dialog');

    const viewer = await freshContext(browser, baseURL!, { phone: true });
    try {
      const watch = await watchedPage(viewer);
      await watch.goto(link);
      await expect(watch).toHaveTitle(/Shared recording/);
      await expect(watch.getByRole('heading', { level: 1, name: 'Shared recording' })).toBeVisible();
      const video = watch.locator('video');
      await expect(video).toHaveAttribute('src', /^\/shared\/[A-Za-z0-9_-]+$/);
      await video.evaluate((element: HTMLVideoElement) => {
        element.muted = true;
        return element.play();
      });
      await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(1);
      expect(await watch.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // Nothing the page shows or downloads names the room.
      expect(await watch.locator('body').innerText()).not.toContain(ROOM);
      const download = await viewer.request.get((await watch.getByRole('link', { name: 'Download' }).getAttribute('href'))!, {
        headers: { range: 'bytes=0-0' },
      });
      expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="recording-\d{4}-\d{2}-\d{2}-\d{4}\.mp4"/);
      await screenshot(watch, 'watch-phone');
      // The link reaches that recording only: no listing, no delete.
      expect((await viewer.request.get('/recordings')).status()).toBe(401);
      const source = (await video.getAttribute('src'))!;
      const poster = await viewer.request.get((await video.getAttribute('poster'))!);
      expect(poster.status()).toBe(200);
      expect(poster.headers()['content-type']).toBe('image/jpeg');

      await dialog.getByRole('button', { name: 'Revoke all links' }).click();
      await dialog.getByRole('button', { name: 'Yes, revoke' }).click();
      await expect(dialog.getByRole('status')).toContainText('stopped working');

      const revoked = await viewer.request.get(source);
      expect(revoked.status()).toBe(404);
      expect(await revoked.json()).toEqual({ errorMessage: 'This link has expired or was revoked' });
      await watch.reload();
      await expect(watch.getByRole('alert')).toContainText('This link has expired or was revoked');
      await expect(watch.locator('video')).toHaveCount(0);
      await screenshot(watch, 'watch-revoked');
    } finally {
      await viewer.close();
      await page.close();
    }
  });

  test('the operator signs in, sees every room, and signs out', async ({ browser, baseURL }) => {
    const operator = await freshContext(browser, baseURL!);
    try {
      const page = await watchedPage(operator);
      await page.goto('/recordings.html');
      await page.getByText('Operator sign-in').click();
      await page.getByLabel('Operator secret').fill('not-the-operator-secret');
      await page.getByRole('button', { name: 'Sign in as operator' }).click();
      await expect(page.getByRole('alert')).toContainText('Wrong operator secret');

      await page.getByLabel('Operator secret').fill(OPERATOR_SECRET);
      await page.getByRole('button', { name: 'Sign in as operator' }).click();
      await expect(page.getByText('Signed in as operator: the recordings of every room.')).toBeVisible();
      await expect(page.getByRole('list', { name: 'All recordings' })).toContainText(recording);
      await screenshot(page, 'all-recordings-operator');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByText('This browser has not joined a room yet')).toBeVisible();
      await expect(page.getByRole('list', { name: 'All recordings' })).toHaveCount(0);
    } finally {
      await operator.close();
    }
  });

  test('no page broke the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
