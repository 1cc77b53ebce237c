import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { measureAvSync } from './av-sync';
import { makeSyncClip, makeTestCardClip } from './lavfi-clips';

describe('measureAvSync on clips with a known offset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-checks-sync-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['in sync', 0, 0],
    ['sound 80 ms late', 80, 0],
    ['sound 40 ms early', -40, 0],
    ['sound 130 ms late', 130, 0],
    ['in sync, audio stream starting 0.5 s after the video', 0, 0.5],
    ['sound 60 ms late, audio stream starting 0.5 s after the video', 60, 0.5],
  ])('%s measures %d ms', async (name, beepOffsetMs, audioStartS) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.mp4`);
    await makeSyncClip(file, { durationS: 8, beepOffsetMs, audioStartS });
    const report = await measureAvSync(file, { windowS: 3 });
    expect(report.flashes).toBe(8);
    expect(report.beeps).toBeGreaterThanOrEqual(7);
    expect(report.all.count).toBeGreaterThanOrEqual(7);
    for (const summary of [report.start, report.end, report.all]) {
      expect(Math.abs(summary.medianMs - beepOffsetMs)).toBeLessThanOrEqual(3);
      expect(Math.abs(summary.worstMs - beepOffsetMs)).toBeLessThanOrEqual(3);
    }
    expect(report.start.count).toBe(3);
    expect(report.end.count).toBe(3);
  });

  it('finds no flashes and no beeps in a picture and a sound that never change', async () => {
    const file = join(dir, 'card.mp4');
    await makeTestCardClip(file, 'limited');
    const report = await measureAvSync(file);
    expect(report.flashes).toBe(0);
    expect(report.all.count).toBe(0);
  });
});
