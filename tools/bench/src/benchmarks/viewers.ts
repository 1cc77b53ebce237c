import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { HttpClient, play, read } from '../load/http-reader';
import { Measurements } from '../metrics';
import { CpuPerGigabyte } from '../process-cpu';
import { PeakRssProbe, residentBytes } from '../process-memory';
import { median, megabytesPerSecond, percentile } from '../stats';
import { WORKLOAD } from '../workload';
import { StreamingTargets } from './streaming';

/** Lets the API settle (sockets closed, garbage collected) before its idle memory is read. */
const SETTLE_MS = 1_000;

/**
 * Many people watching one recording at once, each from its own place, straight from storage and
 * through the API in alternating rounds: aggregate throughput, time to first byte, and the API's memory,
 * which must not follow the bytes in flight. Then viewers who stop reading: the API must stop pulling
 * from storage for them.
 */
export async function benchmarkViewers(
  targets: StreamingTargets,
  plan = WORKLOAD,
): Promise<{ measurements: Measurements; failures: number }> {
  const { recording } = targets;
  const apiRecordingUrl = `${targets.apiUrl}/recordings/${encodeURIComponent(recording.name)}`;
  const length = plan.viewers.portionsEach * plan.recording.portionBytes;
  const throughput = { direct: [] as number[], api: [] as number[] };
  const firstBytes = { direct: [] as number[], api: [] as number[] };
  const growth: number[] = [];
  const cpu = new CpuPerGigabyte(targets.apiPid);
  let failures = 0;

  const crowd = async (url: string) => {
    const clients = Array.from({ length: plan.viewers.count }, () => new HttpClient());
    const started = performance.now();
    const playbacks = await Promise.all(
      clients.map((client) => play(url, client, recording.size, randomInt(recording.size - length), length)),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const client of clients) client.close();
    failures += playbacks.filter((playback) => !playback.ok || playback.bytes !== length).length;
    const bytes = playbacks.reduce((sum, playback) => sum + playback.bytes, 0);
    return { bytes, throughput: megabytesPerSecond(bytes, seconds), firstByteMs: playbacks.flatMap((playback) => playback.firstByteMs) };
  };

  for (let round = 0; round < plan.viewers.rounds; round++) {
    const direct = await crowd(targets.directUrl);
    throughput.direct.push(direct.throughput);
    firstBytes.direct.push(...direct.firstByteMs);

    await sleep(SETTLE_MS);
    const idle = residentBytes(targets.apiPid).current;
    const probe = new PeakRssProbe(targets.apiPid);
    const api = await cpu.around(
      () => crowd(apiRecordingUrl),
      (result) => result.bytes,
    );
    growth.push((probe.finish() - idle) / 1e6);
    throughput.api.push(api.throughput);
    firstBytes.api.push(...api.firstByteMs);
  }

  await sleep(SETTLE_MS);
  const idle = residentBytes(targets.apiPid).current;
  const probe = new PeakRssProbe(targets.apiPid);
  const stalled = await Promise.all(
    Array.from({ length: plan.stalled.clients }, () =>
      read(apiRecordingUrl, { client: new HttpClient(), stall: { afterBytes: plan.stalled.afterBytes, forMs: plan.stalled.forMs } }),
    ),
  );
  const stalledGrowth = (probe.finish() - idle) / 1e6;
  failures += stalled.filter((answer) => answer.status !== 200 || answer.bytes < plan.stalled.afterBytes).length;

  return {
    measurements: {
      'viewers.throughput': { direct: median(throughput.direct), api: median(throughput.api) },
      'viewers.firstByteP95': { direct: percentile(firstBytes.direct, 0.95), api: percentile(firstBytes.api, 0.95) },
      'viewers.memoryGrowth': { api: Math.max(...growth) },
      'viewers.cpu': { api: cpu.value },
      'stalled.memoryGrowth': { api: stalledGrowth },
    },
    failures,
  };
}
