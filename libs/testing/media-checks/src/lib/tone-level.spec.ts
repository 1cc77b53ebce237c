import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { makeAudioOnlyClip, makeGappyClip } from './lavfi-clips';
import { bandLevel, toneContrast } from './tone-level';

describe('toneContrast', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-checks-tone-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hears a 440 Hz tone far above a band where nothing plays', async () => {
    const file = join(dir, 'tone.mp4');
    await makeAudioOnlyClip(file, 440);
    const result = await toneContrast(file, 440, 3000);
    // lavfi's sine is at 1/8 of full scale: about −21 dBFS.
    expect(result.toneDb).toBeGreaterThan(-25);
    expect(result.contrastDb).toBeGreaterThan(30);
  });

  it('does not hear a tone that was not played', async () => {
    const file = join(dir, 'other-tone.mp4');
    await makeAudioOnlyClip(file, 2000);
    const result = await toneContrast(file, 440, 3000);
    expect(result.contrastDb).toBeLessThan(10);
  });

  it('keeps a tone out of the band of another an octave and more away (two people, two tones, one file)', async () => {
    const file = join(dir, 'thousand.mp4');
    await makeAudioOnlyClip(file, 1000);
    const [inBand, nextBand] = await Promise.all([bandLevel(file, 1000), bandLevel(file, 440)]);
    expect(inBand - nextBand).toBeGreaterThan(45);
  });

  it('measures silence as very low', async () => {
    const file = join(dir, 'silent.mp4');
    await makeGappyClip(file, { durationS: 2, gapFromS: 5, gapToS: 6 });
    expect(await bandLevel(file, 440)).toBeLessThan(-80);
  });
});
