import { ConfigResponse, RECORDING_TEMPLATE_PATH } from '@recording/contracts';

import { Browser, BrowserContext, expect, Locator, Page, test } from '@playwright/test';
import { join } from 'node:path';

import { expectVideoPlaying, joinCall } from './support/call';
import { SCREENSHOT_DIR } from './support/e2e-environment';
import { recorderIdentity, recorderToken, updateLayout } from './support/recorder';

const ROOT = join(__dirname, '..', '..', '..');
const ROOM = 'Template Room';

/** The recording template as Egress's Chrome opens it, with everything it logs and every CSP violation it meets. */
async function openRecorder(browser: Browser, baseURL: string, url: string, token: string, layout: string) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const logs: string[] = [];
  const violations: string[] = [];
  page.on('console', (message) => {
    logs.push(message.text());
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
  const query = new URLSearchParams({ url, token, layout });
  await page.goto(`/${RECORDING_TEMPLATE_PATH}?${query}`);
  return { context, page, logs, violations, count: (message: string) => logs.filter((line) => line === message).length };
}

function stageTiles(page: Page): Locator {
  return page.locator('app-stage-tile');
}

function stageTile(page: Page, name: string): Locator {
  return stageTiles(page).filter({ has: page.locator('.name', { hasText: name }) });
}

test.describe('the recording template on the real LiveKit server', () => {
  const contexts: BrowserContext[] = [];
  test.afterAll(async () => Promise.all(contexts.map((context) => context.close())));

  test('records two people as Egress renders it: START, names, camera card, UpdateLayout, END once they left', async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const people: Page[] = [];
    for (const name of ['Alice', 'Bob']) {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const page = await context.newPage();
      await joinCall(page, ROOM, name);
      people.push(page);
    }
    const [alice, bob] = people;

    await test.step("the call view offers the recording's layout and Audio only, also at phone width", async () => {
      await alice.setViewportSize({ width: 390, height: 844 });
      const bar = alice.getByRole('region', { name: 'Recording', exact: true });
      const layoutChoice = bar.getByLabel('Layout');
      await expect(layoutChoice).toBeVisible();
      await expect(layoutChoice.locator('option')).toHaveText(['Grid', 'Speaker', 'Single speaker']);
      await expect(bar.getByLabel('Audio only')).toBeVisible();
      await expect(bar.getByRole('button', { name: 'Start recording' })).toBeVisible();
      for (const part of [layoutChoice, bar.getByRole('button', { name: 'Start recording' })]) {
        const box = (await part.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      expect(await alice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await bar.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'call-recording-options-phone.png') });
      await alice.setViewportSize({ width: 1280, height: 800 });
    });

    // Egress's Chrome reaches LiveKit at an address of its own: `localhost` here, which the app's policy
    // (LIVEKIT_PUBLIC_URL, 127.0.0.1) does not name, so only the template's own CSP lets it connect.
    const { livekitUrl } = (await (await fetch(`${baseURL}/config`)).json()) as ConfigResponse;
    const internalUrl = livekitUrl.replace('127.0.0.1', 'localhost');
    expect(internalUrl).not.toBe(livekitUrl);
    const identity = recorderIdentity();
    const recorder = await openRecorder(browser, baseURL!, internalUrl, await recorderToken(ROOM, identity), 'grid');
    contexts.push(recorder.context);
    const { page } = recorder;
    const screenshot = (name: string) => page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, `recording-template-${name}.png`) });
    const layout = () => page.locator('.stage').getAttribute('data-layout');

    await test.step('grid: both people by name, their pictures and sound, never the recorder, then START_RECORDING', async () => {
      await expect(stageTiles(page)).toHaveCount(2, { timeout: 20_000 });
      // In the order they joined, to the second: both may have joined within the same one.
      await expect.poll(async () => (await page.locator('.grid .name').allInnerTexts()).sort()).toEqual(['Alice', 'Bob']);
      for (const name of ['Alice', 'Bob']) await expectVideoPlaying(stageTile(page, name));
      await expect.poll(() => recorder.count('START_RECORDING'), { timeout: 15_000 }).toBe(1);
      await expect(page.getByText(identity)).toHaveCount(0);
      await expect(page.locator('header, button, input, a')).toHaveCount(0);
      const voices = page.locator('.voices audio');
      await expect(voices).toHaveCount(2);
      for (const voice of await voices.all()) {
        expect(await voice.evaluate((audio: HTMLAudioElement) => (audio.srcObject as MediaStream | null)?.getAudioTracks().length)).toBe(1);
      }
      // Hidden: the people in the call do not see the recorder either.
      await expect(alice.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toHaveCount(2);
      await screenshot('grid');
    });

    await test.step('a camera turned off shows its card, and the picture again once it is back', async () => {
      await bob.getByRole('button', { name: 'Turn camera off' }).click();
      const card = stageTile(page, 'Bob').locator('.camera-off');
      await expect(card).toBeVisible();
      await expect(card).toContainText('Camera off');
      await expect(card.locator('.avatar')).toHaveText('B');
      await screenshot('grid-camera-off');
      await bob.getByRole('button', { name: 'Turn camera on' }).click();
      await expectVideoPlaying(stageTile(page, 'Bob'));
    });

    await test.step('UpdateLayout to speaker: one large, the other in the strip', async () => {
      await updateLayout(livekitUrl, ROOM, identity, 'speaker');
      await expect.poll(layout).toBe('speaker');
      await expect(page.locator('.main-tile')).toHaveCount(1);
      await expect(page.locator('.strip app-stage-tile')).toHaveCount(1);
      const shown = [await page.locator('.main-tile .name').innerText(), await page.locator('.strip .name').innerText()];
      expect(shown.sort()).toEqual(['Alice', 'Bob']);
      await expectVideoPlaying(page.locator('.main-tile'));
      await screenshot('speaker');
    });

    await test.step('UpdateLayout to single-speaker: one person only, both still heard', async () => {
      await updateLayout(livekitUrl, ROOM, identity, 'single-speaker');
      await expect.poll(layout).toBe('single-speaker');
      await expect(stageTiles(page)).toHaveCount(1);
      await expect(page.locator('.voices audio')).toHaveCount(2);
      await expectVideoPlaying(stageTiles(page));
      await screenshot('single-speaker');
      await updateLayout(livekitUrl, ROOM, identity, 'grid');
      await expect(stageTiles(page)).toHaveCount(2);
    });

    await test.step('END_RECORDING once both left, and only once', async () => {
      await alice.getByRole('button', { name: 'Leave' }).click();
      await expect(stageTiles(page)).toHaveCount(1);
      expect(recorder.count('END_RECORDING')).toBe(0);
      await bob.getByRole('button', { name: 'Leave' }).click();
      await expect(page.getByText('Waiting for participants…')).toBeVisible();
      await screenshot('empty');
      await expect.poll(() => recorder.count('END_RECORDING'), { timeout: 30_000 }).toBe(1);
      await page.waitForTimeout(1_000);
      expect(recorder.count('END_RECORDING')).toBe(1);
      expect(recorder.count('START_RECORDING')).toBe(1);
    });

    expect(recorder.violations).toEqual([]);
  });
});
