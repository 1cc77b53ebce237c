import { expect, Locator, Page } from '@playwright/test';

/** Joins a call through the join page, as a person would, and waits for the call view. */
export async function joinCall(page: Page, roomName: string, participantName: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Participant name').fill(participantName);
  await page.getByLabel('Room name').fill(roomName);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { level: 1, name: roomName })).toBeVisible({ timeout: 20_000 });
}

export function tiles(page: Page): Locator {
  return page.getByRole('list', { name: 'Participants' }).getByRole('listitem');
}

/** The tiles of the others (the local one is captioned "(you)"). */
export function remoteTiles(page: Page): Locator {
  return tiles(page).filter({ hasNotText: '(you)' });
}

/** A remote participant's camera plays: frames have a size and the playback time moves on. */
export async function expectVideoPlaying(tile: Locator): Promise<void> {
  const video = tile.locator('video');
  await expect(video).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await video.evaluate((element: HTMLVideoElement) => element.currentTime);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 10_000 }).toBeGreaterThan(before);
}

export function recordingBanner(page: Page): Locator {
  return page.getByRole('region', { name: 'Recording', exact: true }).getByRole('status');
}

/** Beside the state while recording: how long it has been recording, and who started it. */
export function recordingDetail(page: Page): Locator {
  return page.getByRole('region', { name: 'Recording', exact: true }).getByRole('timer');
}

export function roomRecordingsList(page: Page): Locator {
  return page.getByRole('list', { name: 'Recordings of this room' });
}

/** The room's current recording at the top of its list (while it starts, records or saves, or when it failed). */
export function liveEntry(page: Page): Locator {
  return page.getByRole('status', { name: 'Current recording' });
}
