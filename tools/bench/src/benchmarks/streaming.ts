import { get } from 'node:http';
import { performance } from 'node:perf_hooks';

import { Measurements } from '../metrics';
import { PeakRssProbe, residentBytes } from '../process-memory';
import { WORKLOAD } from '../workload';

const MIB = 1024 * 1024;
/** Lets the API settle after the warm-up download before its idle memory is read. */
const SETTLE_MS = 1_000;

interface Download {
  status?: number;
  bytes: number;
}

/**
 * The "never buffer" proof, against the API's idle memory after one warm-up download. Stalled clients:
 * the API must stop reading from storage when a viewer stops reading, instead of holding the rest of the
 * recording for them (without backpressure this phase alone would pull about a gigabyte into the API).
 * Fast clients: memory must not follow the bytes in flight; what rises is per-stream buffers and garbage
 * awaiting collection, the same for a 64 MiB or a 256 MiB file.
 */
export async function benchmarkStreaming(
  apiUrl: string,
  apiPid: number,
  recording: { name: string; size: number },
  plan = WORKLOAD.streaming,
): Promise<Measurements & { failures: number }> {
  const url = `${apiUrl}/recordings/${encodeURIComponent(recording.name)}`;
  const warmUp = await download(url, plan.timeoutMs);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const idle = residentBytes(apiPid).current;

  const stalledProbe = new PeakRssProbe(apiPid);
  const stalled = await Promise.all(
    Array.from({ length: plan.stalledClients }, () =>
      download(url, plan.timeoutMs, { afterBytes: plan.stallAfterBytes, forMs: plan.stallMs }),
    ),
  );
  const stalledPeak = stalledProbe.finish();

  const fastProbe = new PeakRssProbe(apiPid);
  const started = performance.now();
  const fast = await Promise.all(Array.from({ length: plan.clients }, () => download(url, plan.timeoutMs)));
  const seconds = (performance.now() - started) / 1000;
  const fastPeak = fastProbe.finish();
  const transferred = fast.reduce((sum, each) => sum + each.bytes, 0);

  const failures =
    [warmUp, ...fast].filter((each) => each.status !== 200 || each.bytes !== recording.size).length +
    stalled.filter((each) => each.status !== 200 || each.bytes < plan.stallAfterBytes).length;
  return {
    'stream.throughput': transferred / MIB / seconds,
    'stream.rssRise': (fastPeak - idle) / MIB,
    'stream.idleRss': idle / MIB,
    'stream.stalledRssRise': (stalledPeak - idle) / MIB,
    failures,
  };
}

/**
 * One whole-file GET on its own connection, read as fast as possible and thrown away; with `stall`, reading
 * stops after some bytes, the connection stays open for a while, and then the viewer leaves.
 */
function download(url: string, timeoutMs: number, stall?: { afterBytes: number; forMs: number }): Promise<Download> {
  return new Promise((resolve) => {
    const result: Download = { bytes: 0 };
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      result.status = response.statusCode;
      response.on('data', (chunk: Buffer) => {
        result.bytes += chunk.length;
        if (stall && result.bytes >= stall.afterBytes && !response.isPaused()) {
          response.pause();
          setTimeout(() => {
            request.destroy();
            resolve(result);
          }, stall.forMs);
        }
      });
      response.once('end', () => resolve(result));
      response.once('error', () => resolve(result));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(result));
  });
}
