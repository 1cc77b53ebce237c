import { randomInt } from 'node:crypto';

import { nodeHttpLoad } from '../load/node-http-load';
import { Measurements } from '../metrics';
import { WORKLOAD } from '../workload';

/**
 * A player seeking: open ranges (each answered with one portion, RECORDING_FILE_PORTION_SIZE) and the
 * small closed ranges browsers send for the MP4 index. Offsets are random, so nothing is served from a
 * warm spot.
 */
export async function benchmarkSeeking(
  apiUrl: string,
  recording: { name: string; size: number },
  plan = WORKLOAD.seeking,
): Promise<Measurements & { failures: number }> {
  const common = {
    url: `${apiUrl}/recordings/${encodeURIComponent(recording.name)}`,
    method: 'GET' as const,
    connections: plan.connections,
    durationSeconds: plan.durationSeconds,
    expectedStatus: 206,
  };
  const open = await nodeHttpLoad({
    ...common,
    headersPerRequest: () => ({ range: `bytes=${randomInt(recording.size)}-` }),
  });
  const closed = await nodeHttpLoad({
    ...common,
    headersPerRequest: () => {
      const start = randomInt(recording.size - plan.closedRangeBytes);
      return { range: `bytes=${start}-${start + plan.closedRangeBytes - 1}` };
    },
  });
  return {
    'seek.open.perSecond': open.perSecond,
    'seek.open.p50': open.p50Ms,
    'seek.open.p99': open.p99Ms,
    'seek.closed.perSecond': closed.perSecond,
    'seek.closed.p50': closed.p50Ms,
    'seek.closed.p99': closed.p99Ms,
    failures: open.failures + closed.failures,
  };
}
