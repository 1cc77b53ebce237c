import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { makeAudioOnlyClip, makeTestCardClip } from './lavfi-clips';
import { runMediaTool } from './media-tools';
import { isMoovBeforeMdat, topLevelBoxes } from './mp4-boxes';
import { probeMedia } from './probe';

describe('probeMedia and the MP4 box order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-checks-probe-'));
  const card = join(dir, 'card.mp4');
  beforeAll(() => makeTestCardClip(card, 'limited', 3));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads codecs, sizes, rates and the duration', async () => {
    const probe = await probeMedia(card);
    expect(probe.durationS).toBeCloseTo(3, 1);
    expect(probe.streams.map((stream) => [stream.type, stream.codec])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
    expect(probe.streams[0]).toMatchObject({
      width: 320,
      height: 180,
      frameRate: 30,
      pixelFormat: 'yuv420p',
      colorRange: 'tv',
      colorSpace: 'bt709',
    });
    expect(probe.streams[1]).toMatchObject({ sampleRate: 48000, channels: 1 });
  });

  it('lists the audio stream alone for a sound-only file', async () => {
    const file = join(dir, 'audio.mp4');
    await makeAudioOnlyClip(file, 440);
    expect((await probeMedia(file)).streams.map((stream) => stream.type)).toEqual(['audio']);
  });

  it.each([
    ['+faststart', ['-movflags', '+faststart'], true, ['ftyp', 'moov', 'free', 'mdat']],
    ['plain', [], false, ['ftyp', 'free', 'mdat', 'moov']],
    ['fragmented', ['-movflags', 'frag_keyframe+empty_moov+default_base_moof'], true, ['ftyp', 'moov', 'moof', 'mdat']],
  ])('a %s MP4 (boxes in order)', async (name, flags, moovFirst, firstBoxes) => {
    const file = join(dir, `${name.replace(/\W+/g, '')}.mp4`);
    await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-i', card, '-c', 'copy', ...flags, file]);
    expect(await isMoovBeforeMdat(file)).toBe(moovFirst);
    expect((await topLevelBoxes(file)).slice(0, 4).map((box) => box.type)).toEqual(firstBoxes);
  });

  it('fails with an install hint when ffprobe is missing', async () => {
    const saved = process.env['FFPROBE_PATH'];
    process.env['FFPROBE_PATH'] = join(dir, 'no-such-ffprobe');
    try {
      await expect(probeMedia(card)).rejects.toThrow(/apt-get install -y --no-install-recommends ffmpeg/);
    } finally {
      if (saved === undefined) delete process.env['FFPROBE_PATH'];
      else process.env['FFPROBE_PATH'] = saved;
    }
  });
});
