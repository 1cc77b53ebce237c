import { expect, test } from '@playwright/test';
import { join } from 'node:path';

import { SCREENSHOT_DIR } from './support/e2e-environment';

const ROOT = join(__dirname, '..', '..', '..');

test('the join page says plainly that LiveKit is unreachable, naming the URL it tried', async ({ page }) => {
  // A deployment whose LIVEKIT_PUBLIC_URL points where nothing listens (port 9 on loopback: discard, never served here).
  const livekitUrl = 'ws://127.0.0.1:9';
  await page.route('/config', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), livekitUrl } });
  });
  await page.goto('/');
  await expect(page).toHaveTitle(/Join a call/);
  await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'join.png'), fullPage: true });

  await page.getByLabel('Participant name').fill('Alice');
  await page.getByLabel('Room name').fill('Test Room');
  await page.getByRole('button', { name: 'Join' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not reach the LiveKit server at');
  await expect(alert).toContainText(livekitUrl);
  await expect(alert).toContainText('docker compose up livekit');
  await expect(page.getByRole('button', { name: 'Join' })).toBeEnabled();
  await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'join-livekit-unreachable.png'), fullPage: true });
});

test('the join form explains an invalid room name before asking the server', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Room name').fill('bad/room');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.locator('#room-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#room-name-error')).toBeVisible();
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page).toHaveTitle(/Page not found/);
  await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'not-found.png'), fullPage: true });
});

test('the join page fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'join-phone.png'), fullPage: true });
});

test('New meeting makes a room nobody can guess, and its invite link opens the join form with it filled in', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New meeting' }).click();
  const room = await page.getByLabel('Room name').inputValue();
  expect(room).toMatch(/^[a-z]{4}(-[a-z]{4}){3}$/);
  const invite = await page.getByLabel('Invite link').inputValue();
  expect(invite).toMatch(new RegExp(`/\\?room=${room}$`));
  await page.screenshot({ path: join(ROOT, SCREENSHOT_DIR, 'join-new-meeting.png'), fullPage: true });

  const guest = await browser.newPage();
  try {
    await guest.goto(invite);
    await expect(guest.getByLabel('Room name')).toHaveValue(room);
  } finally {
    await guest.close();
  }
});
