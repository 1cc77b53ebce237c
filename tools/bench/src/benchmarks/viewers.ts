import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { HttpClient, play, read } from '../load/http-reader';
import { PeakRssProbe, residentBytes } from '../process-memory';
import { median, megabytesPerSecond, percentile } from '../stats';
import { WORKLOAD } from '../workload';
import { ApiTarget, CpuPerGigabyte, MeasurementsByApi, StreamingTargets } from './streaming';

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
): Promise<{ measurements: MeasurementsByApi; failures: number }> {
  const { recording } = targets;
  const recordingUrl = (api: ApiTarget) => `${api.url}/recordings/${encodeURIComponent(recording.name)}`;
  const length = plan.viewers.portionsEach * plan.recording.portionBytes;
  const direct = { throughput: [] as number[], firstBytes: [] as number[] };
  const perApi = targets.apis.map((api) => ({
    api,
    throughput: [] as number[],
    firstBytes: [] as number[],
    growth: [] as number[],
    cpu: new CpuPerGigabyte(),
  }));
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
    const directCrowd = await crowd(targets.directUrl);
    direct.throughput.push(directCrowd.throughput);
    direct.firstBytes.push(...directCrowd.firstByteMs);

    for (const each of perApi) {
      await sleep(SETTLE_MS);
      const idle = residentBytes(each.api.pid).current;
      const probe = new PeakRssProbe(each.api.pid);
      const api = await each.cpu.around(
        each.api.pid,
        () => crowd(recordingUrl(each.api)),
        (result) => result.bytes,
      );
      each.growth.push((probe.finish() - idle) / 1e6);
      each.throughput.push(api.throughput);
      each.firstBytes.push(...api.firstByteMs);
    }
  }

  const measurements: MeasurementsByApi = {};
  for (const each of perApi) {
    await sleep(SETTLE_MS);
    const idle = residentBytes(each.api.pid).current;
    const probe = new PeakRssProbe(each.api.pid);
    const stalled = await Promise.all(
      Array.from({ length: plan.stalled.clients }, () =>
        read(recordingUrl(each.api), {
          client: new HttpClient(),
          stall: { afterBytes: plan.stalled.afterBytes, forMs: plan.stalled.forMs },
        }),
      ),
    );
    const stalledGrowth = (probe.finish() - idle) / 1e6;
    failures += stalled.filter((answer) => answer.status !== 200 || answer.bytes < plan.stalled.afterBytes).length;
    measurements[each.api.name] = {
      'viewers.throughput': { direct: median(direct.throughput), api: median(each.throughput) },
      'viewers.firstByteP95': { direct: percentile(direct.firstBytes, 0.95), api: percentile(each.firstBytes, 0.95) },
      'viewers.memoryGrowth': { api: Math.max(...each.growth) },
      'viewers.cpu': { api: each.cpu.value },
      'stalled.memoryGrowth': { api: stalledGrowth },
    };
  }
  return { measurements, failures };
}
