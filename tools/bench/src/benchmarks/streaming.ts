import type { PlaybackUrlResponse } from '@recording/contracts';

import { performance } from 'node:perf_hooks';

import { HttpClient, play, read } from '../load/http-reader';
import { Measurements } from '../metrics';
import { cpuSeconds } from '../process-cpu';
import { StreamedRecording } from '../seed';
import { median, megabytesPerSecond } from '../stats';
import { WORKLOAD } from '../workload';

/** One API process under measurement. */
export interface ApiTarget {
  name: string;
  url: string;
  pid: number;
}

export interface StreamingTargets {
  /** One, or several measured in the same rounds (alternating with direct access and each other). */
  apis: ApiTarget[];
  /** The same blob through a read-only SAS URL: storage accessed directly. */
  directUrl: string;
  recording: StreamedRecording;
}

/** What each API process measured, by its name. */
export type MeasurementsByApi = Record<string, Measurements>;

/** CPU seconds an API process spent per GB (10^9 bytes) it served, over every call timed with it. */
export class CpuPerGigabyte {
  private seconds = 0;
  private bytes = 0;

  async around<T>(pid: number, call: () => Promise<T>, bytesOf: (result: T) => number): Promise<T> {
    const before = cpuSeconds(pid);
    const result = await call();
    this.seconds += cpuSeconds(pid) - before;
    this.bytes += bytesOf(result);
    return result;
  }

  get value(): number {
    return this.bytes === 0 ? Number.NaN : this.seconds / (this.bytes / 1e9);
  }
}

/**
 * One viewer at a time: a full GET (a download), then the player-like sequence of open ranges, each
 * straight from storage and through every API, alternating round by round; then direct playback (the
 * first API hands out a SAS URL and leaves the data path).
 */
export async function benchmarkStreaming(
  targets: StreamingTargets,
  plan = WORKLOAD.streaming,
): Promise<{ measurements: MeasurementsByApi; failures: number }> {
  const { recording } = targets;
  const recordingUrl = (api: ApiTarget) => `${api.url}/recordings/${encodeURIComponent(recording.name)}`;
  const directClient = new HttpClient();
  const direct = { full: [] as number[], sequence: [] as number[], directMode: [] as number[], urlLatency: [] as number[] };
  const perApi = targets.apis.map((api) => ({
    api,
    client: new HttpClient(),
    full: [] as number[],
    sequence: [] as number[],
    fullCpu: new CpuPerGigabyte(),
    sequenceCpu: new CpuPerGigabyte(),
  }));
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
    direct.full.push((await fullGet(targets.directUrl, directClient)).throughput);
    for (const each of perApi) {
      const result = await each.fullCpu.around(each.api.pid, () => fullGet(recordingUrl(each.api), each.client), served);
      each.full.push(result.throughput);
    }
    direct.sequence.push((await sequence(targets.directUrl, directClient)).throughput);
    for (const each of perApi) {
      const result = await each.sequenceCpu.around(each.api.pid, () => sequence(recordingUrl(each.api), each.client), served);
      each.sequence.push(result.throughput);
    }
    const directMode = await playDirectMode(recordingUrl(targets.apis[0]), recording.size, directClient);
    if (directMode === 'unavailable') continue;
    if (!directMode) {
      failures++;
      continue;
    }
    direct.directMode.push(directMode.throughput);
    direct.urlLatency.push(directMode.urlMs);
  }
  directClient.close();
  const measurements: MeasurementsByApi = {};
  const directSequence = median(direct.sequence);
  for (const [index, each] of perApi.entries()) {
    each.client.close();
    measurements[each.api.name] = {
      'full.throughput': { direct: median(direct.full), api: median(each.full) },
      'full.cpu': { api: each.fullCpu.value },
      'sequence.throughput': { direct: directSequence, api: median(each.sequence) },
      'sequence.cpu': { api: each.sequenceCpu.value },
      // Direct playback leaves the API out of the data path: measured once, with the first API.
      ...(index === 0
        ? {
            'directMode.throughput': { direct: directSequence, api: median(direct.directMode) },
            'directMode.urlLatency': { api: median(direct.urlLatency) },
          }
        : {}),
    };
  }
  return { measurements, failures };
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
