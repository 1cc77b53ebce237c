import { generateMedia, lavfi } from './media-tools';

/**
 * Small MP4 clips with known properties, generated with ffmpeg's lavfi sources at test time (never committed):
 * the reference inputs of this library's own tests, and of anybody who needs a file whose answer is known.
 */

const H264_AAC = ['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-ar', '48000', '-movflags', '+faststart'];

export interface SyncClipSpec {
  durationS: number;
  /** How late each beep is against its flash (negative: early). */
  beepOffsetMs: number;
  /** The audio stream starts this much later than the video in the container (the beeps keep their times). */
  audioStartS?: number;
  fps?: number;
}

/** Black video with a white flash of 100 ms at 0.5 s, 1.5 s, …, and 1 kHz beeps of 100 ms shifted by `beepOffsetMs`. */
export async function makeSyncClip(file: string, spec: SyncClipSpec): Promise<void> {
  const fps = spec.fps ?? 30;
  const audioStart = spec.audioStartS ?? 0;
  const beepAt = 0.5 + spec.beepOffsetMs / 1000;
  await generateMedia(file, [
    ...lavfi(
      `color=c=black:s=320x180:r=${fps}:d=${spec.durationS},drawbox=color=white:t=fill:enable='lt(mod(t-0.5\\,1)\\,0.1)',format=yuv420p`,
    ),
    ...(audioStart ? ['-itsoffset', String(audioStart)] : []),
    ...lavfi(
      `aevalsrc='if(lt(mod(t+${audioStart}-${beepAt}\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:d=${spec.durationS - audioStart}`,
    ),
    ...H264_AAC,
  ]);
}

export type ClipRange = 'limited' | 'full';

/** Left half black, right half white, a 440 Hz tone; `full` stores luma 0–255 (yuvj420p) instead of 16–235. */
export async function makeTestCardClip(file: string, range: ClipRange, durationS = 2): Promise<void> {
  const format = range === 'full' ? 'yuvj420p' : 'yuv420p';
  await generateMedia(file, [
    ...lavfi(`color=c=black:s=320x180:r=30:d=${durationS},drawbox=x=160:y=0:w=160:h=180:color=white:t=fill,format=rgb24`),
    ...lavfi(`sine=frequency=440:sample_rate=48000:duration=${durationS}`),
    '-vf',
    `scale=out_range=${range === 'full' ? 'pc' : 'tv'}:out_color_matrix=bt709,format=${format}`,
    ...['-color_range', range === 'full' ? 'pc' : 'tv', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709'],
    ...H264_AAC,
  ]);
}

/** A moving test picture at `fps` with no frames between `gapFromS` and `gapToS`, and silence. */
export async function makeGappyClip(
  file: string,
  spec: { durationS: number; gapFromS: number; gapToS: number; fps?: number },
): Promise<void> {
  await generateMedia(file, [
    ...lavfi(
      `testsrc2=s=320x180:r=${spec.fps ?? 30}:d=${spec.durationS},select='not(between(t\\,${spec.gapFromS}\\,${spec.gapToS}))',format=yuv420p`,
    ),
    ...lavfi(`anullsrc=r=48000:cl=stereo:d=${spec.durationS}`),
    '-fps_mode',
    'vfr',
    '-shortest',
    ...H264_AAC,
  ]);
}

/** Sound only (AAC in MP4): a tone at `toneHz`. */
export async function makeAudioOnlyClip(file: string, toneHz: number, durationS = 2): Promise<void> {
  await generateMedia(file, [
    ...lavfi(`sine=frequency=${toneHz}:sample_rate=48000:duration=${durationS}`),
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
  ]);
}
