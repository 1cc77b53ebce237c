import { Browser, BrowserContext, expect, Page, test } from '@playwright/test';
import { join } from 'node:path';

import {
  expectVideoPlaying,
  joinCall,
  liveEntry,
  recordingBanner,
  recordingDetail,
  remoteTiles,
  roomRecordingsList,
  tiles,
} from './support/call';
import { EMULATOR_URL_VARIABLE, SCREENSHOT_DIR } from './support/e2e-environment';

const ROOT = join(__dirname, '..', '..', '..');
const RECORDING = 'Recording';

/** Drives the emulated Egress through its control API (uploads held: a recording stays "saving" as long as needed). */
async function egressControl(action: 'hold-uploads' | 'release-uploads'): Promise<void> {
  const response = await fetch(`${process.env[EMULATOR_URL_VARIABLE]}/emulator/${action}`, { method: 'POST' });
  expect(response.ok).toBe(true);
}

test.describe.configure({ mode: 'serial' });

/** Calls on the real LiveKit server: each participant a browser context of its own, with a fake camera and microphone. */
test.describe('a call on the real LiveKit server', () => {
  const contexts: BrowserContext[] = [];
  let alice: Page;
  let bob: Page;

  async function participant(browser: Browser, baseURL: string, room: string, name: string): Promise<Page> {
    const context = await browser.newContext({ baseURL });
    contexts.push(context);
    const page = await context.newPage();
    await joinCall(page, room, name);
    return page;
  }

  test.afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
  });

  test('two participants see and hear each other', async ({ browser, baseURL }) => {
    alice = await participant(browser, baseURL!, 'Call Room', 'Alice');
    bob = await participant(browser, baseURL!, 'Call Room', 'Bob');
    for (const [page, other] of [
      [alice, 'Bob'],
      [bob, 'Alice'],
    ] as const) {
      await expect(tiles(page)).toHaveCount(2);
      const remote = remoteTiles(page);
      await expect(remote).toContainText(other);
      await expectVideoPlaying(remote);
      await expect(page.getByText('2 participants')).toBeVisible();
    }
    await alice.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'call-two-participants.png'), fullPage: true });
  });

  test('a camera turned off on one side is shown as off on the other', async () => {
    await bob.getByRole('button', { name: 'Turn camera off' }).click();
    const bobOnAlicesScreen = remoteTiles(alice);
    await expect(bobOnAlicesScreen.locator('video')).toHaveCount(0);
    await expect(bobOnAlicesScreen).toContainText('camera off');
    await bob.getByRole('button', { name: 'Turn camera on' }).click();
    await expectVideoPlaying(bobOnAlicesScreen);
  });

  test('a recording started by one is announced to both; a latecomer sees it at once and is asked before publishing', async ({
    browser,
    baseURL,
  }) => {
    await alice.getByRole('button', { name: 'Start recording' }).click();
    await expect(recordingBanner(alice)).toHaveText(RECORDING, { timeout: 20_000 });
    await expect(recordingBanner(bob)).toHaveText(RECORDING, { timeout: 20_000 });
    await bob.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'call-recording.png'), fullPage: true });

    const carol = await participant(browser, baseURL!, 'Call Room', 'Carol');
    // The exact state at once, from the room metadata: recording, for how long, started by whom.
    await expect(recordingBanner(carol)).toHaveText(RECORDING);
    await expect(recordingDetail(carol)).toHaveText(/^\d{2}:\d{2} · started by Alice$/);
    const clock = (await recordingDetail(carol).innerText()).slice(0, 5);
    await expect(recordingDetail(carol)).not.toHaveText(new RegExp(`^${clock}`));
    // Told before her camera and microphone are published: the others see no new camera yet.
    const notice = carol.getByRole('dialog', { name: 'This call is being recorded' });
    await expect(notice).toBeVisible();
    await carol.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'consent-notice.png'), fullPage: true });
    await expect(tiles(alice)).toHaveCount(3);
    await expect(remoteTiles(alice).filter({ hasText: 'Carol' }).locator('video')).toHaveCount(0);
    await notice.getByRole('button', { name: 'Join without camera and microphone' }).click();
    await expect(notice).toBeHidden();
    await expect(carol.getByRole('button', { name: 'Turn camera on' })).toBeVisible();
    await carol.getByRole('button', { name: 'Leave' }).click();
    await expect(tiles(alice)).toHaveCount(2);
  });

  test('stopping it shows Saving… to both, then the saved recording in both lists without a reload; deleting it on one side removes it on the other', async () => {
    await expect(roomRecordingsList(alice)).toHaveCount(0);
    await egressControl('hold-uploads');
    try {
      await bob.getByRole('button', { name: 'Stop recording' }).click();
      for (const page of [alice, bob]) {
        await expect(recordingBanner(page)).toHaveText('Saving recording…', { timeout: 20_000 });
        await expect(liveEntry(page)).toContainText('Saving…');
      }
      await alice.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'call-saving.png'), fullPage: true });
    } finally {
      await egressControl('release-uploads');
    }
    for (const page of [alice, bob]) {
      await expect(roomRecordingsList(page).getByRole('listitem')).toHaveCount(1, { timeout: 20_000 });
      await expect(recordingBanner(page)).toHaveText('Not recording');
      await expect(page.getByText('Recording saved.')).toBeVisible();
    }
    await expect(liveEntry(alice)).toHaveCount(0);
    const saved = roomRecordingsList(alice).getByRole('listitem');
    await expect.poll(() => saved.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(640);

    // The next recording is a live entry above the saved card, with its running time and who started it.
    await alice.getByRole('button', { name: 'Start recording' }).click();
    await expect(recordingBanner(alice)).toHaveText(RECORDING, { timeout: 20_000 });
    for (const page of [alice, bob]) await expect(liveEntry(page)).toContainText(/Recording · \d{2}:\d{2}\s*Started by Alice/);
    await alice.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'call-room-list-live.png'), fullPage: true });
    await alice.getByRole('button', { name: 'Stop recording' }).click();
    for (const page of [alice, bob]) await expect(roomRecordingsList(page).getByRole('listitem')).toHaveCount(2, { timeout: 20_000 });

    const name = await roomRecordingsList(alice).getByRole('listitem').first().locator('.recording-name').innerText();
    await alice.getByRole('button', { name: `Delete ${name}` }).click();
    await alice.getByRole('button', { name: `Yes, delete ${name}` }).click();
    for (const page of [alice, bob]) {
      await expect(roomRecordingsList(page).getByRole('listitem')).toHaveCount(1);
      await expect(roomRecordingsList(page)).not.toContainText(name);
    }
  });

  test('a participant who leaves disappears from the other one', async () => {
    await bob.getByRole('button', { name: 'Leave' }).click();
    await expect(tiles(alice)).toHaveCount(1);
    await expect(alice.getByText('1 participant', { exact: true })).toBeVisible();
  });

  test('two people who join with the same name are both in the call', async ({ browser, baseURL }) => {
    const first = await participant(browser, baseURL!, 'Same Name Room', 'Sam');
    const second = await participant(browser, baseURL!, 'Same Name Room', 'Sam');
    for (const page of [first, second]) {
      await expect(tiles(page)).toHaveCount(2);
      await expect(remoteTiles(page)).toContainText('Sam');
      await expectVideoPlaying(remoteTiles(page));
    }
    await expect(first.getByRole('heading', { level: 1, name: 'Same Name Room' })).toBeVisible();
  });
});
