import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { frameTiming, frameTimingOf } from './frame-gaps';
import { makeGappyClip } from './lavfi-clips';

describe('frameTimingOf', () => {
  it.each([
    ['steady 10 fps', [0, 0.1, 0.2, 0.3], { frames: 4, longestGapMs: 100, longestGapAtS: 0, averageFps: 10 }],
    ['one long gap', [0, 0.1, 0.5, 0.6], { frames: 4, longestGapMs: 400, longestGapAtS: 0.1, averageFps: 5 }],
    ['a single frame', [2], { frames: 1, longestGapMs: 0, longestGapAtS: 2 }],
  ])('%s', (_name, times, expected) => {
    const timing = frameTimingOf(times);
    for (const [key, value] of Object.entries(expected)) expect(timing[key as keyof typeof timing]).toBeCloseTo(value, 6);
  });

  it('says NaN, not zero, for no frames', () => {
    expect(frameTimingOf([])).toMatchObject({ frames: 0, longestGapMs: NaN });
  });
});

describe('frameTiming of generated files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-checks-gaps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['steady 30 fps', { durationS: 3, gapFromS: 5, gapToS: 6 }, 90, 33.3],
    ['frames 31–38 missing', { durationS: 3, gapFromS: 1.01, gapToS: 1.29 }, 82, 300],
  ])('%s', async (name, spec, frames, longestGapMs) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.mp4`);
    await makeGappyClip(file, spec);
    const timing = await frameTiming(file);
    expect(timing.frames).toBe(frames);
    expect(timing.longestGapMs).toBeCloseTo(longestGapMs, 0);
  });
});
