import type { PlaybackUrlResponse } from '@recording/contracts';

import { performance } from 'node:perf_hooks';

import { HttpClient, play, read } from '../load/http-reader';
import { Measurements } from '../metrics';
import { CpuPerGigabyte } from '../process-cpu';
import { StreamedRecording } from '../seed';
import { median, megabytesPerSecond } from '../stats';
import { WORKLOAD } from '../workload';

export interface StreamingTargets {
  apiUrl: string;
  /** The API process, whose CPU time is read from /proc. */
  apiPid: number;
  /** The same blob through a read-only SAS URL: storage accessed directly. */
  directUrl: string;
  recording: StreamedRecording;
}

/**
 * One viewer at a time: a full GET (a download), then the player-like sequence of open ranges, each
 * straight from storage and through the API, alternating round by round; then direct playback (the
 * API hands out a SAS URL and leaves the data path).
 */
export async function benchmarkStreaming(
  targets: StreamingTargets,
  plan = WORKLOAD.streaming,
): Promise<{ measurements: Measurements; failures: number }> {
  const { recording } = targets;
  const apiRecordingUrl = `${targets.apiUrl}/recordings/${encodeURIComponent(recording.name)}`;
  const directClient = new HttpClient();
  const apiClient = new HttpClient();
  const series = { fullDirect: [], fullApi: [], sequenceDirect: [], sequenceApi: [], directMode: [], urlLatency: [] } as Record<
    string,
    number[]
  >;
  const cpu = { full: new CpuPerGigabyte(targets.apiPid), sequence: new CpuPerGigabyte(targets.apiPid) };
  let failures = 0;
  const fullGet = async (url: string, client: HttpClient) => {
    const answer = await read(url, { client });
    if (answer.status !== 200 || answer.bytes !== recording.size) failures++;
    return { throughput: megabytesPerSecond(answer.bytes, answer.totalMs / 1000), bytes: answer.bytes };
  };
  const sequence = async (url: string, client: HttpClient) => {
    const playback = await play(url, client, recording.size);
    if (!playback.ok || playback.bytes !== recording.size) failures++;
    return { throughput: megabytesPerSecond(playback.bytes, playback.seconds), bytes: playback.bytes };
  };
  const served = (result: { bytes: number }) => result.bytes;

  for (let round = 0; round < plan.rounds; round++) {
    series.fullDirect.push((await fullGet(targets.directUrl, directClient)).throughput);
    series.fullApi.push((await cpu.full.around(() => fullGet(apiRecordingUrl, apiClient), served)).throughput);
    series.sequenceDirect.push((await sequence(targets.directUrl, directClient)).throughput);
    series.sequenceApi.push((await cpu.sequence.around(() => sequence(apiRecordingUrl, apiClient), served)).throughput);
    const directMode = await playDirectMode(apiRecordingUrl, recording.size, directClient);
    if (directMode === 'unavailable') continue;
    if (!directMode) {
      failures++;
      continue;
    }
    series.directMode.push(directMode.throughput);
    series.urlLatency.push(directMode.urlMs);
  }
  directClient.close();
  apiClient.close();
  const directSequence = median(series.sequenceDirect);
  return {
    measurements: {
      'full.throughput': { direct: median(series.fullDirect), api: median(series.fullApi) },
      'full.cpu': { api: cpu.full.value },
      'sequence.throughput': { direct: directSequence, api: median(series.sequenceApi) },
      'sequence.cpu': { api: cpu.sequence.value },
      'directMode.throughput': { direct: directSequence, api: median(series.directMode) },
      'directMode.urlLatency': { api: median(series.urlLatency) },
    },
    failures,
  };
}

/** GET /url, then the player-like sequence on the URL it gives; the time of both counts. */
async function playDirectMode(
  apiRecordingUrl: string,
  size: number,
  client: HttpClient,
): Promise<{ throughput: number; urlMs: number } | 'unavailable' | undefined> {
  const started = performance.now();
  const response = await fetch(`${apiRecordingUrl}/url`);
  if (response.status === 400 || response.status === 404) return 'unavailable';
  const body = (await response.json()) as Partial<PlaybackUrlResponse>;
  const urlMs = performance.now() - started;
  if (response.status !== 200 || typeof body.url !== 'string') return undefined;
  const playback = await play(body.url, client, size);
  if (!playback.ok || playback.bytes !== size) return undefined;
  return { throughput: megabytesPerSecond(size, (performance.now() - started) / 1000), urlMs };
}
