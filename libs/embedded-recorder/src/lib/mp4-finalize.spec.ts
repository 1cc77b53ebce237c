import { makeTestCardClip, probeMedia, runMediaTool, topLevelBoxes } from '@recording/testing/media-checks';

import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { finalizeRecording, mp4DurationMs } from './mp4-finalize';

const FFMPEG = process.env['FFMPEG_PATH'] || 'ffmpeg';

describe('finalizeRecording', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recorder-finalize-'));
  const card = join(dir, 'card.mp4');
  const fragmented = join(dir, 'capture.mp4');
  beforeAll(async () => {
    await makeTestCardClip(card, 'limited', 6);
    // The live capture's layout: empty moov, then a fragment a second.
    await runMediaTool('ffmpeg', [
      '-v',
      'error',
      '-i',
      card,
      '-c',
      'copy',
      '-movflags',
      'empty_moov+default_base_moof',
      '-frag_duration',
      '1000000',
      '-y',
      fragmented,
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns a fragmented capture into one MP4 with moov first and the same duration', async () => {
    const output = join(dir, 'whole.mp4');
    const file = await finalizeRecording(FFMPEG, fragmented, output);
    expect(file).toEqual({ path: output, sizeBytes: statSync(output).size, durationMs: expect.closeTo(6000, -2) });
    expect((await topLevelBoxes(output)).map((box) => box.type).slice(0, 2)).toEqual(['ftyp', 'moov']);
    expect((await probeMedia(output)).streams.map((stream) => stream.codec)).toEqual(['h264', 'aac']);
  });

  it('ends the file where the stop was asked (every stream), when given a length', async () => {
    const output = join(dir, 'stopped.mp4');
    const file = await finalizeRecording(FFMPEG, fragmented, output, 3_500);
    expect(file?.durationMs).toBeGreaterThanOrEqual(3_400);
    expect(file?.durationMs).toBeLessThanOrEqual(3_600);
    for (const stream of (await probeMedia(output)).streams) expect(stream.durationS).toBeLessThanOrEqual(3.6);
    expect((await topLevelBoxes(output)).map((box) => box.type).slice(0, 2)).toEqual(['ftyp', 'moov']);
  });

  it('keeps the whole fragments of a capture cut off in the middle (a killed ffmpeg)', async () => {
    const cut = join(dir, 'cut.mp4');
    copyFileSync(fragmented, cut);
    truncateSync(cut, Math.floor(statSync(cut).size * 0.6));
    const file = await finalizeRecording(FFMPEG, cut, join(dir, 'cut-final.mp4'));
    expect(file?.durationMs).toBeGreaterThan(1500);
    expect(file?.durationMs).toBeLessThan(5000);
  });

  it.each([
    ['an empty capture', ''],
    ['a capture that is not media', 'not an mp4 at all'],
  ])('finds nothing playable in %s', async (name, content) => {
    const capture = join(dir, `${name.replace(/\W+/g, '-')}.mp4`);
    writeFileSync(capture, content);
    expect(await finalizeRecording(FFMPEG, capture, join(dir, `${name.replace(/\W+/g, '-')}-final.mp4`))).toBeUndefined();
  });

  it('finds nothing playable when there is no capture at all', async () => {
    expect(await finalizeRecording(FFMPEG, join(dir, 'missing.mp4'), join(dir, 'missing-final.mp4'))).toBeUndefined();
  });
});

describe('mp4DurationMs', () => {
  it('refuses a file without moov', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recorder-duration-'));
    try {
      const file = join(dir, 'x.mp4');
      writeFileSync(file, Buffer.from('0000000866726565', 'hex'));
      await expect(mp4DurationMs(file)).rejects.toThrow(/no moov box/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
