import { generateMedia, lavfi } from '@recording/testing/media-checks';

import { join } from 'node:path';

/** What one participant's fake camera shows and fake microphone plays. */
export interface FakeMediaSpec {
  /** A name for the files. */
  name: string;
  /** An ffmpeg colour (`red`, `blue`, `0x2040ff`): the whole picture, so any part of the tile finds it. */
  colour: string;
  /** The tone's frequency. */
  toneHz: number;
}

export interface FakeMediaFiles {
  video: string;
  audio: string;
}

/**
 * A camera file (Y4M, 320×180 at 15 fps, one solid colour: small, so that two cameras cost the machine little) and a microphone file (WAV, 48 kHz mono) for Chromium's
 * `--use-file-for-fake-video-capture` / `--use-file-for-fake-audio-capture`, made with ffmpeg's lavfi sources now.
 * The tone swells and fades every 0.8 s, as syllables do: WebRTC's noise suppression fades out a steady tone as
 * background noise, and LiveKit's speaker detection wants level that comes and goes. The envelope is smooth (sin²),
 * so the tone stays in its band: hard gating clicks, and clicks sound in every band.
 */
export async function makeFakeMedia(dir: string, spec: FakeMediaSpec): Promise<FakeMediaFiles> {
  const video = join(dir, `${spec.name}.y4m`);
  const audio = join(dir, `${spec.name}.wav`);
  await Promise.all([
    generateMedia(video, [...lavfi(`color=c=${spec.colour}:s=320x180:r=15:d=2`), '-pix_fmt', 'yuv420p']),
    generateMedia(audio, [
      ...lavfi(`aevalsrc='0.6*sin(2*PI*${spec.toneHz}*t)*pow(sin(PI*t/0.8)\\,2)':s=48000:d=8`),
      ...['-ac', '1', '-c:a', 'pcm_s16le'],
    ]),
  ]);
  return { video, audio };
}

/** The Chromium switches that make `files` the browser's only camera and microphone. */
export function fakeCaptureArgs(files: FakeMediaFiles): string[] {
  return [`--use-file-for-fake-video-capture=${files.video}`, `--use-file-for-fake-audio-capture=${files.audio}`];
}
