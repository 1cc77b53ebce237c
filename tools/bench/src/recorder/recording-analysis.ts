import { frameTiming, measureAvSync, OffsetSummary, probeMedia } from '@recording/testing/media-checks';

import { MemorySample } from './usage-sampler';

/** What the recorded file holds, measured with ffprobe. */
export interface FileFigures {
  /** The container's duration. */
  durationS: number;
  width?: number;
  height?: number;
  hasAudio: boolean;
  frames: number;
  averageFps: number;
  /** The longest time between two consecutive frames, and where it starts. */
  longestGapMs: number;
  longestGapAtS: number;
}

export async function analyseFile(file: string): Promise<FileFigures> {
  const [probe, timing] = await Promise.all([probeMedia(file), frameTiming(file)]);
  const video = probe.streams.find((stream) => stream.type === 'video');
  return {
    durationS: probe.durationS,
    width: video?.width,
    height: video?.height,
    hasAudio: probe.streams.some((stream) => stream.type === 'audio'),
    frames: timing.frames,
    averageFps: timing.averageFps,
    longestGapMs: timing.longestGapMs,
    longestGapAtS: timing.longestGapAtS,
  };
}

/** Offsets beep − flash (positive: sound late) in the first and in the last `windowS` seconds of the recording. */
export interface SyncFigures {
  flashes: number;
  beeps: number;
  start: OffsetSummary;
  end: OffsetSummary;
}

export async function analyseSync(file: string, windowS: number): Promise<SyncFigures> {
  const report = await measureAvSync(file, { windowS });
  return { flashes: report.flashes, beeps: report.beeps, start: report.start, end: report.end };
}

/** The recorder's memory over a recording: where it started and ended after the warm-up, and how fast it grew. */
export interface MemoryFigures {
  startPssMB: number;
  endPssMB: number;
  peakPssMB: number;
  endRssMB: number;
  /** Least-squares slope of PSS over the samples after the warm-up, in MB per minute. */
  slopeMBPerMin: number;
  /** The same over the second half of those samples only: a leak keeps its slope, caches filling up flatten. */
  lateSlopeMBPerMin: number;
  apiEndRssMB: number;
}

const MB = 1e6;

export function memoryFigures(samples: readonly MemorySample[], warmUpS: number): MemoryFigures {
  const steady = samples.filter((sample) => sample.atS >= warmUpS);
  const used = steady.length >= 2 ? steady : samples;
  const first = used[0];
  const last = used[used.length - 1];
  return {
    startPssMB: (first?.pssBytes ?? NaN) / MB,
    endPssMB: (last?.pssBytes ?? NaN) / MB,
    peakPssMB: Math.max(...samples.map((sample) => sample.pssBytes)) / MB,
    endRssMB: (last?.rssBytes ?? NaN) / MB,
    slopeMBPerMin: slopePerMinute(used),
    lateSlopeMBPerMin: slopePerMinute(used.slice(Math.floor(used.length / 2))),
    apiEndRssMB: (last?.apiRssBytes ?? NaN) / MB,
  };
}

function slopePerMinute(samples: readonly MemorySample[]): number {
  if (samples.length < 2) return NaN;
  const meanT = samples.reduce((sum, s) => sum + s.atS, 0) / samples.length;
  const meanM = samples.reduce((sum, s) => sum + s.pssBytes, 0) / samples.length;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    covariance += (s.atS - meanT) * (s.pssBytes - meanM);
    variance += (s.atS - meanT) ** 2;
  }
  return variance === 0 ? NaN : ((covariance / variance) * 60) / MB;
}
