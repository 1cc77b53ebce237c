/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** Megabytes (10^6 bytes) per second, as storage and network figures are usually given. */
export const megabytesPerSecond = (bytes: number, seconds: number): number => bytes / 1e6 / seconds;
