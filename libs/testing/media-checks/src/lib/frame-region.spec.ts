import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cropFilter, regionStats } from './frame-region';
import { makeAudioOnlyClip, makeTestCardClip } from './lavfi-clips';
import { runMediaTool } from './media-tools';

const LEFT = { left: 0.1, top: 0.1, width: 0.3, height: 0.8 };
const RIGHT = { left: 0.6, top: 0.1, width: 0.3, height: 0.8 };

describe('cropFilter', () => {
  it.each([
    [{ left: 0, top: 0, width: 1, height: 1 }, 1280, 720, 'crop=1280:720:0:0'],
    [{ left: 0.25, top: 0.5, width: 0.25, height: 0.5 }, 1280, 720, 'crop=320:360:320:360'],
    [{ left: 0.1, top: 0.1, width: 0.3, height: 0.8 }, 321, 181, 'crop=96:144:32:18'],
  ])('%j of %dx%d → %s', (region, width, height, filter) => {
    expect(cropFilter(region, width, height).filter).toBe(filter);
  });

  it.each([
    [{ left: -0.1, top: 0, width: 0.5, height: 0.5 }],
    [{ left: 0.6, top: 0, width: 0.5, height: 0.5 }],
    [{ left: 0, top: 0, width: 0.5, height: 1.5 }],
  ])('refuses %j outside the picture', (region) => {
    expect(() => cropFilter(region, 100, 100)).toThrow(/not inside the picture/);
  });
});

describe('regionStats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-checks-region-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['limited', 16, 235],
    ['full', 0, 255],
  ] as const)('reads black and white of a %s-range file as luma %d and %d', async (range, black, white) => {
    const file = join(dir, `${range}.mp4`);
    await makeTestCardClip(file, range);
    const left = await regionStats(file, 1, LEFT);
    const right = await regionStats(file, 1, RIGHT);
    expect(left.meanLuma).toBeCloseTo(black, -0.5);
    expect(right.meanLuma).toBeCloseTo(white, -0.5);
    for (const channel of left.meanRgb) expect(channel).toBeLessThan(4);
    for (const channel of right.meanRgb) expect(channel).toBeGreaterThan(251);
  });

  it('reads a still image (a JPEG poster, which ffmpeg opens with its image2 input) at 0', async () => {
    const file = join(dir, 'poster.jpg');
    // Slight noise, as a real picture has: ffmpeg then takes it for image2 rather than jpeg_pipe.
    await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=640x360,noise=alls=10', '-frames:v', '1', file]);
    const { meanRgb } = await regionStats(file, 0, LEFT);
    expect(meanRgb[0]).toBeGreaterThan(220);
    expect(meanRgb[1]).toBeLessThan(35);
    expect(meanRgb[2]).toBeLessThan(35);
  });

  it('says so when the file has no picture', async () => {
    const file = join(dir, 'audio.mp4');
    await makeAudioOnlyClip(file, 440);
    await expect(regionStats(file, 0, LEFT)).rejects.toThrow(/no video stream/);
  });
});
