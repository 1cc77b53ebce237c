import { OffsetSummary, pairFlashesWithBeeps, risingEdges, summarizeOffsets, SyncPair } from './av-sync-analysis';
import { cropFilter, RelativeRegion } from './frame-region';
import { runMediaTool } from './media-tools';
import { probeMedia } from './probe';

/** A flash or a beep starts after at least this much darkness or silence (the source flashes once a second). */
const QUIET_S = 0.3;
/** Audio levels are measured over windows this short, so a beep's start is known to about a millisecond. */
const WINDOW_SAMPLES = 48;
const SAMPLE_RATE = 48_000;

/** Mean luma of every decoded frame, in file time (seconds from the start of the file's timeline). */
export async function frameLumas(file: string, region?: RelativeRegion): Promise<{ timeS: number; level: number }[]> {
  let crop = '';
  if (region) {
    const video = (await probeMedia(file)).streams.find((stream) => stream.type === 'video');
    if (!video?.width || !video.height) throw new Error(`${file} has no video stream`);
    crop = `${cropFilter(region, video.width, video.height).filter},`;
  }
  const { stdout } = await runMediaTool(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-an',
      '-vf',
      `${crop}scale=64:36,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-`,
      '-f',
      'null',
      '-',
    ],
    { timeoutMs: 600_000 },
  );
  const samples: { timeS: number; level: number }[] = [];
  let timeS = NaN;
  for (const line of stdout.toString().split('\n')) {
    const time = /pts_time:(-?[\d.]+)/.exec(line);
    if (time) timeS = Number(time[1]);
    const luma = /YAVG=([\d.]+)/.exec(line);
    if (luma && !Number.isNaN(timeS)) samples.push({ timeS, level: Number(luma[1]) });
  }
  return samples;
}

/**
 * RMS level (0–1 of full scale) of the sound in 1 ms windows, mixed to mono, in file time. Gaps in the audio's
 * timestamps are filled with silence from zero on (`aresample` with `first_pts=0`), so a window's index is its time.
 */
export async function audioLevels(file: string): Promise<{ timeS: number; level: number }[]> {
  const levels: { timeS: number; level: number }[] = [];
  let carry: Buffer = Buffer.alloc(0);
  let sumSquares = 0;
  let inWindow = 0;
  await runMediaTool(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-vn', '-af', `aresample=${SAMPLE_RATE}:async=1:first_pts=0`, '-ac', '1', '-f', 's16le', '-'],
    {
      timeoutMs: 600_000,
      onStdout: (chunk) => {
        const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const whole = bytes.length - (bytes.length % 2);
        for (let i = 0; i < whole; i += 2) {
          const sample = bytes.readInt16LE(i) / 32768;
          sumSquares += sample * sample;
          if (++inWindow === WINDOW_SAMPLES) {
            levels.push({ timeS: (levels.length * WINDOW_SAMPLES) / SAMPLE_RATE, level: Math.sqrt(sumSquares / WINDOW_SAMPLES) });
            sumSquares = 0;
            inWindow = 0;
          }
        }
        carry = bytes.subarray(whole);
      },
    },
  );
  return levels;
}

/** Starts of the flashes: frames whose luma rises past halfway between the darkest and brightest frame. */
export async function flashTimes(file: string, region?: RelativeRegion): Promise<number[]> {
  const lumas = await frameLumas(file, region);
  const low = lumas.reduce((min, sample) => Math.min(min, sample.level), Infinity);
  const high = lumas.reduce((max, sample) => Math.max(max, sample.level), -Infinity);
  // Less than this between dark and bright frames is noise or a scene change, not a flash.
  if (!(high - low >= 20)) return [];
  return risingEdges(lumas, (low + high) / 2, QUIET_S);
}

/** Starts of the beeps: 1 ms windows whose level rises past a quarter of the loudest (−12 dB) after silence. */
export async function beepTimes(file: string): Promise<number[]> {
  const levels = await audioLevels(file);
  const loudest = levels.reduce((max, sample) => Math.max(max, sample.level), 0);
  if (loudest < 0.01) return [];
  return risingEdges(levels, loudest / 4, QUIET_S);
}

export interface AvSyncReport {
  flashes: number;
  beeps: number;
  pairs: SyncPair[];
  /** Offsets (beep − flash) of the flashes in the first and in the last `windowS` seconds of flashes. */
  start: OffsetSummary;
  end: OffsetSummary;
  all: OffsetSummary;
}

/**
 * A/V sync of a recording of the sync source (a picture that flashes and a sound that beeps at the same
 * instants): the offsets beep − flash, summarized over the first and the last `windowS` seconds.
 */
export async function measureAvSync(file: string, options: { windowS?: number; region?: RelativeRegion } = {}): Promise<AvSyncReport> {
  const windowS = options.windowS ?? 10;
  const [flashes, beeps] = await Promise.all([flashTimes(file, options.region), beepTimes(file)]);
  const pairs = pairFlashesWithBeeps(flashes, beeps);
  const firstS = pairs.length ? pairs[0].flashS : 0;
  const lastS = pairs.length ? pairs[pairs.length - 1].flashS : 0;
  return {
    flashes: flashes.length,
    beeps: beeps.length,
    pairs,
    start: summarizeOffsets(pairs.filter((pair) => pair.flashS < firstS + windowS)),
    end: summarizeOffsets(pairs.filter((pair) => pair.flashS > lastS - windowS)),
    all: summarizeOffsets(pairs),
  };
}
