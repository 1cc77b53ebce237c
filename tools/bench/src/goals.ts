import { MetricId } from './metrics';

export type Goal = { atLeast: number } | { atMost: number };

/** Placeholder goals, to be set from measurements. */
export const GOALS: Partial<Record<MetricId, Goal>> = {
  'stream.rssRise': { atMost: 128 },
  failures: { atMost: 0 },
};
