import { BrowserContext, expect, Page, test } from '@playwright/test';
import { join } from 'node:path';

import { SCREENSHOT_DIR } from './support/e2e-environment';
import { downloadRecording, playAndSeek } from './support/player';
import { recordRoom } from './support/recordings-fixture';

const ROOT = join(__dirname, '..', '..', '..');

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test.describe.configure({ mode: 'serial' });

/** One browser that joined both rooms (its recording_access cookie covers them), as the default AUTH_MODE=room wants. */
test.describe('recordings made in real calls (egress emulated)', () => {
  let alphaRecording: string;
  let betaRecording: string;
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    context = await browser.newContext({ baseURL });
    alphaRecording = await recordRoom(context, 'Alpha Room');
    betaRecording = await recordRoom(context, 'Beta Room');
  });
  test.beforeEach(async () => (page = await context.newPage()));
  test.afterEach(() => page.close());
  test.afterAll(() => context.close());

  test('the all-recordings page lists them, newest first, and says they are the rooms this browser joined', async () => {
    await page.goto('/recordings.html');
    await expect(page).toHaveTitle(/All recordings/);
    await expect(page.getByText('Showing the recordings of the 2 rooms this browser joined: Beta Room, Alpha Room.')).toBeVisible();
    const list = page.getByRole('list', { name: 'All recordings' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').nth(0)).toContainText(betaRecording);
    await expect(list.getByRole('listitem').nth(1)).toContainText(alphaRecording);
    // Each card's poster is a JPEG the server made from the recording.
    for (const poster of await list.locator('img').all()) {
      await poster.scrollIntoViewIfNeeded();
      await expect.poll(() => poster.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(640);
    }
    await screenshot(page, 'all-recordings');
  });

  test('the room filter shows only that room, and "Show all" brings the rest back', async () => {
    await page.goto('/recordings.html');
    await page.getByLabel('Room name').fill('Alpha Room');
    await page.getByRole('button', { name: 'Filter' }).click();
    const list = page.getByRole('list', { name: 'All recordings' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText(alphaRecording);
    await screenshot(page, 'all-recordings-filtered');

    await page.getByLabel('Room name').fill('No Such Room');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No recordings of the room “No Such Room”')).toBeVisible();
    await screenshot(page, 'all-recordings-empty-filter');

    await page.getByRole('button', { name: 'Show all' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(2);
  });

  test('a recording plays in the dialog, its time advances, and it seeks', async () => {
    await page.goto('/recordings.html');
    await page.getByRole('button', { name: `Play ${alphaRecording}` }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: alphaRecording })).toBeVisible();
    const video = dialog.locator('video');
    await expect(video).toHaveAttribute('src', `/recordings/${encodeURIComponent(alphaRecording)}`);

    await playAndSeek(video);
    await screenshot(page, 'player-dialog');

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  test('the cards and the player fit a phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/recordings.html');
    const list = page.getByRole('list', { name: 'All recordings' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'all-recordings-phone');
    await page.getByRole('button', { name: `Play ${alphaRecording}` }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('#player-meta')).toContainText('started by Host');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'player-phone');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('download saves the whole MP4', async () => {
    await page.goto('/recordings.html');
    const { download, bytes } = await downloadRecording(page, betaRecording);
    expect(download.suggestedFilename()).toBe(betaRecording);
    const head = await context.request.head(`/recordings/${encodeURIComponent(betaRecording)}`);
    expect(bytes).toBe(Number(head.headers()['content-length']));
    expect(bytes).toBeGreaterThan(10_000);
  });

  test('delete asks first, then removes the recording', async () => {
    await page.goto('/recordings.html');
    const list = page.getByRole('list', { name: 'All recordings' });
    await page.getByRole('button', { name: `Delete ${alphaRecording}` }).click();
    await screenshot(page, 'delete-confirmation');
    await page.getByRole('button', { name: `Yes, delete ${alphaRecording}` }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).not.toContainText(alphaRecording);

    const listed = await (await context.request.get('/recordings')).json();
    expect(listed.recordings.map((r: { name: string }) => r.name)).toEqual([betaRecording]);
    expect((await context.request.get(`/recordings/${encodeURIComponent(alphaRecording)}`)).status()).toBe(404);
  });
});
