/** A flash and the beep that belongs to it; `offsetMs` = beep − flash (positive: the sound is late). */
export interface SyncPair {
  flashS: number;
  beepS: number;
  offsetMs: number;
}

export interface OffsetSummary {
  count: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** The offset furthest from zero, with its sign. */
  worstMs: number;
}

/** ITU-R BT.1359: the threshold of detectability is sound 45 ms early to 125 ms late. */
export const BT1359_DETECTABILITY = { earliestMs: -45, latestMs: 125 } as const;

/** ITU-R BT.1359: the threshold of acceptability is sound 90 ms early to 185 ms late. */
export const BT1359_ACCEPTABILITY = { earliestMs: -90, latestMs: 185 } as const;

/**
 * Times (s) at which `levels` rise above `threshold` after staying below it for at least `quietS`:
 * the starts of flashes in per-frame luma, or of beeps in short-window audio levels.
 */
export function risingEdges(samples: readonly { timeS: number; level: number }[], threshold: number, quietS: number): number[] {
  const edges: number[] = [];
  // Quiet since the first quiet sample after the last loud one; undefined while loud.
  let quietSinceS: number | undefined = -Infinity;
  for (const { timeS, level } of samples) {
    if (level > threshold) {
      if (quietSinceS !== undefined && timeS - quietSinceS >= quietS) edges.push(timeS);
      quietSinceS = undefined;
    } else if (quietSinceS === undefined) {
      quietSinceS = timeS;
    }
  }
  return edges;
}

/** Pairs every flash with the nearest beep within `maxOffsetMs`; flashes without one are left out. */
export function pairFlashesWithBeeps(flashes: readonly number[], beeps: readonly number[], maxOffsetMs = 450): SyncPair[] {
  const pairs: SyncPair[] = [];
  for (const flashS of flashes) {
    let best: number | undefined;
    for (const beepS of beeps) {
      if (best === undefined || Math.abs(beepS - flashS) < Math.abs(best - flashS)) best = beepS;
    }
    if (best !== undefined && Math.abs(best - flashS) * 1000 <= maxOffsetMs) {
      pairs.push({ flashS, beepS: best, offsetMs: Math.round((best - flashS) * 10_000) / 10 });
    }
  }
  return pairs;
}

export function summarizeOffsets(pairs: readonly SyncPair[]): OffsetSummary {
  const offsets = pairs.map((pair) => pair.offsetMs).sort((a, b) => a - b);
  if (offsets.length === 0) return { count: 0, medianMs: NaN, minMs: NaN, maxMs: NaN, worstMs: NaN };
  const middle = Math.floor(offsets.length / 2);
  const median = offsets.length % 2 ? offsets[middle] : (offsets[middle - 1] + offsets[middle]) / 2;
  const minMs = offsets[0];
  const maxMs = offsets[offsets.length - 1];
  return { count: offsets.length, medianMs: median, minMs, maxMs, worstMs: Math.abs(minMs) > Math.abs(maxMs) ? minMs : maxMs };
}

/** True when every offset lies inside the BT.1359 window (and there is at least one). */
export function withinBt1359(summary: OffsetSummary): boolean {
  return summary.count > 0 && summary.minMs >= BT1359_DETECTABILITY.earliestMs && summary.maxMs <= BT1359_DETECTABILITY.latestMs;
}
