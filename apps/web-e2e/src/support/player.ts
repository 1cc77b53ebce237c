import { Download, expect, Locator, Page } from '@playwright/test';

/** Plays the `<video>` (muted, so autoplay rules allow it) until its time advances, then seeks to 6 s and back to playable. */
export async function playAndSeek(video: Locator): Promise<void> {
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    return element.play();
  });
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(1);
  const seekedTo = await video.evaluate(
    (element: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        element.addEventListener('seeked', () => resolve(element.currentTime), { once: true });
        element.currentTime = 6;
      }),
  );
  expect(seekedTo).toBeGreaterThanOrEqual(5.5);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState)).toBeGreaterThanOrEqual(2);
}

/** Clicks the recording's Download link and reads the whole saved file: the download and its size. */
export async function downloadRecording(page: Page, recording: string): Promise<{ download: Download; bytes: number }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('link', { name: `Download ${recording}` })
      .first()
      .click(),
  ]);
  let bytes = 0;
  for await (const chunk of await download.createReadStream()) bytes += (chunk as Buffer).length;
  return { download, bytes };
}
