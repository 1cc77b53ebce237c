import { BrowserContext, expect, Page, test } from '@playwright/test';
import { join } from 'node:path';

import { DIRECT_PLAYBACK_URL_VARIABLE, SCREENSHOT_DIR } from './support/e2e-environment';
import { downloadRecording, playAndSeek } from './support/player';
import { recordRoom } from './support/recordings-fixture';

const ROOT = join(__dirname, '..', '..', '..');

function directPlaybackUrl(): string {
  const url = process.env[DIRECT_PLAYBACK_URL_VARIABLE];
  if (!url) throw new Error('The e2e global setup did not run');
  return url;
}

test.describe.configure({ mode: 'serial' });

/** The replica of the stack that runs RECORDINGS_PLAYBACK=direct: the SPA plays and downloads straight from storage. */
test.describe('direct playback (RECORDINGS_PLAYBACK=direct)', () => {
  let context: BrowserContext;
  let page: Page;
  let recording: string;
  /** Every request the page made for the recording's bytes through the API (nothing but /url and /poster may go there). */
  let throughApi: string[];

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(90_000);
    context = await browser.newContext({ baseURL: directPlaybackUrl() });
    recording = await recordRoom(context, 'Direct Room');
  });
  test.beforeEach(async () => {
    page = await context.newPage();
    throughApi = [];
    const streamPath = `/recordings/${encodeURIComponent(recording)}`;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === directPlaybackUrl() && url.pathname === streamPath) throughApi.push(request.url());
    });
  });
  test.afterEach(() => page.close());
  test.afterAll(() => context.close());

  test('a recording plays and seeks from a read-only storage URL, and no byte of it comes through the API', async () => {
    await page.goto('/recordings.html');
    await page.getByRole('button', { name: `Play ${recording}` }).click();
    const video = page.getByRole('dialog').locator('video');
    await expect(video).toHaveAttribute('src', /\/devstoreaccount1\/e2e-recordings\/recordings\/.+\?.*sp=r.*&sig=/);
    const source = new URL((await video.getAttribute('src'))!);
    expect(source.origin).not.toBe(directPlaybackUrl());

    await playAndSeek(video);
    await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'player-dialog-direct.png'), fullPage: true });
    expect(throughApi).toEqual([]);
  });

  test('download saves the whole MP4 from storage under its name', async () => {
    await page.goto('/recordings.html');
    const { download, bytes } = await downloadRecording(page, recording);
    expect(download.suggestedFilename()).toBe(recording);
    expect(new URL(download.url()).searchParams.get('rscd')).toMatch(/^attachment;/);
    const head = await context.request.head(`/recordings/${encodeURIComponent(recording)}`);
    expect(bytes).toBe(Number(head.headers()['content-length']));
    expect(throughApi).toEqual([]);
  });
});
