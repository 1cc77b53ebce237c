import { runMediaTool } from './media-tools';

export interface FrameTiming {
  frames: number;
  firstS: number;
  lastS: number;
  /** The longest time between two consecutive frames, and where it starts. */
  longestGapMs: number;
  longestGapAtS: number;
  /** Frames per second over the stream (frames − 1 over last − first). */
  averageFps: number;
}

/** Presentation times (seconds, ascending) of the first video stream's packets, as stored in the file. */
export async function videoFrameTimes(file: string): Promise<number[]> {
  const { stdout } = await runMediaTool('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pts_time',
    '-of',
    'csv=p=0',
    file,
  ]);
  return stdout
    .toString()
    .split('\n')
    .map((line) => line.split(',')[0].trim())
    .filter((value) => value !== '' && value !== 'N/A')
    .map(Number)
    .sort((a, b) => a - b);
}

/** Frame count, rate and the longest gap between frames of the file's video. */
export async function frameTiming(file: string): Promise<FrameTiming> {
  return frameTimingOf(await videoFrameTimes(file));
}

export function frameTimingOf(times: readonly number[]): FrameTiming {
  if (times.length === 0) return { frames: 0, firstS: NaN, lastS: NaN, longestGapMs: NaN, longestGapAtS: NaN, averageFps: NaN };
  let longest = 0;
  let at = times[0];
  for (let i = 1; i < times.length; i++) {
    const gap = times[i] - times[i - 1];
    if (gap > longest) {
      longest = gap;
      at = times[i - 1];
    }
  }
  const span = times[times.length - 1] - times[0];
  return {
    frames: times.length,
    firstS: times[0],
    lastS: times[times.length - 1],
    longestGapMs: Math.round(longest * 10_000) / 10,
    longestGapAtS: at,
    averageFps: span > 0 ? (times.length - 1) / span : NaN,
  };
}
