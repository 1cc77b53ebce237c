import { ListRecordingsResponse } from '@recording/contracts';

import { BrowserContext, expect } from '@playwright/test';

import { joinCall, recordingBanner, roomRecordingsList } from './call';

/**
 * Records a room the way a user does, in the given browser context (its cookie then covers the room): joins the
 * call (fake camera and microphone, so the egress recorder gets media), starts a recording, waits until the room is
 * recording, stops it, and waits until the emulated egress has written the MP4 and the room's list shows it.
 * Returns the recording's name.
 */
export async function recordRoom(context: BrowserContext, roomName: string): Promise<string> {
  const page = await context.newPage();
  try {
    await joinCall(page, roomName, 'Host');
    await page.getByRole('button', { name: 'Start recording' }).click();
    await expect(recordingBanner(page)).toHaveText('Recording', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect(roomRecordingsList(page).getByRole('listitem')).toHaveCount(1, { timeout: 20_000 });
    const listed = await context.request.get(`/recordings?roomName=${encodeURIComponent(roomName)}`);
    const { recordings } = (await listed.json()) as ListRecordingsResponse;
    await page.getByRole('button', { name: 'Leave' }).click();
    return recordings[0].name;
  } finally {
    await page.close();
  }
}
