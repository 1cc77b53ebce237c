import { CHROMIUM_PATH, CHROMIUM_WEBRTC_ARGS } from '@recording/testing/livekit-browser';
import { RegionStats, regionStats, RelativeRegion, runMediaTool } from '@recording/testing/media-checks';

import { Browser, BrowserContext, chromium, Locator, Page } from '@playwright/test';

import { joinCall } from './call';
import { fakeCaptureArgs, FakeMediaFiles } from './fake-media';

/** A person in the call with a browser of their own: Chromium takes its fake camera and microphone files per process. */
export interface MediaParticipant {
  name: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

export async function joinWithFakeMedia(baseURL: string, roomName: string, name: string, files: FakeMediaFiles): Promise<MediaParticipant> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_WEBRTC_ARGS, ...fakeCaptureArgs(files)] });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await joinCall(page, roomName, name);
    return { name, browser, context, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The colours of the fake cameras, as a frame of the recording shows them. */
export type TestCardColour = 'red' | 'blue' | 'other';

/** Red or blue when that primary clearly dominates (the capture's colour conversions leave a margin of tens). */
export function colourOf([red, green, blue]: RegionStats['meanRgb']): TestCardColour {
  if (red > 150 && green < 90 && blue < 90) return 'red';
  if (blue > 150 && red < 90 && green < 90) return 'blue';
  return 'other';
}

export interface RegionColour {
  colour: TestCardColour;
  rgb: number[];
}

/** The colour a region of the frame at `atS` shows, with its mean RGB for the report. */
export async function regionColour(file: string, atS: number, region: RelativeRegion): Promise<RegionColour> {
  const { meanRgb } = await regionStats(file, atS, region);
  return { colour: colourOf(meanRgb), rgb: meanRgb.map(Math.round) };
}

/** Saves the frame at `atS` as a PNG (to look at); at 0 without seeking, so a JPEG poster converts too. */
export async function saveFrame(file: string, atS: number, png: string): Promise<void> {
  await runMediaTool('ffmpeg', ['-v', 'error', '-y', ...(atS > 0 ? ['-ss', String(atS)] : []), '-i', file, '-frames:v', '1', png]);
}

/**
 * Plays the player's `<video>` with its sound on and listens to it through Web Audio for `listenMs`: the level in
 * the FFT bins of each frequency in `tonesHz` and of `silentHz`, in dB (max over the time listened).
 */
export async function listenToPlayer(
  video: Locator,
  tonesHz: number[],
  silentHz: number,
  listenMs = 1500,
): Promise<Record<string, number>> {
  return video.evaluate(
    async (element: HTMLVideoElement, { tonesHz, silentHz, listenMs }) => {
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 4096;
      context.createMediaElementSource(element).connect(analyser);
      element.muted = false;
      element.volume = 1;
      await element.play();
      await context.resume();
      const bins = new Float32Array(analyser.frequencyBinCount);
      const binOf = (hz: number) => Math.round((hz / context.sampleRate) * analyser.fftSize);
      const levels: Record<string, number> = {};
      const deadline = performance.now() + listenMs;
      while (performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        analyser.getFloatFrequencyData(bins);
        for (const hz of [...tonesHz, silentHz]) {
          const bin = binOf(hz);
          const level = Math.max(bins[bin - 1], bins[bin], bins[bin + 1]);
          levels[String(hz)] = Math.max(levels[String(hz)] ?? -Infinity, level);
        }
      }
      return levels;
    },
    { tonesHz, silentHz, listenMs },
  );
}
