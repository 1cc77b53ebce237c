import type { ListRecordingsResponse } from '@recording/contracts';

import { ContainerClient } from '@azure/storage-blob';
import { performance } from 'node:perf_hooks';

import { Measurement } from '../metrics';
import { Room } from '../seed';
import { RECORDINGS_PATH } from '../stack';
import { median } from '../stats';
import { WORKLOAD } from '../workload';

export interface ListingFigures {
  room: Measurement;
  roomId: Measurement;
  page: Measurement;
  all: Measurement;
  failures: number;
}

/**
 * The recordings page and the room's list, one request at a time (latency, not throughput), each next to
 * what storage itself takes for the listing it cannot avoid: one room's blobs by prefix, one page of
 * blobs, every blob under the path.
 */
export async function benchmarkListing(
  apiUrl: string,
  container: ContainerClient,
  expected: { recordings: number; room: Room },
  plan = WORKLOAD.listing,
): Promise<ListingFigures> {
  let failures = 0;
  const api = async (query: string, check: (body: ListRecordingsResponse) => boolean) =>
    median(
      await timeRepeatedly(plan, async () => {
        const response = await fetch(`${apiUrl}/recordings${query}`);
        const body = (await response.json()) as ListRecordingsResponse;
        if (response.status !== 200 || !check(body)) failures++;
      }),
    );
  const direct = async (prefix: string, onePage = false) =>
    median(
      await timeRepeatedly(plan, async () => {
        const pages = container.listBlobsFlat({ prefix, includeMetadata: true }).byPage({ maxPageSize: onePage ? plan.pageSize : 5000 });
        for await (const page of pages) if (onePage || !page.continuationToken) break;
      }),
    );

  const { room } = expected;
  const ofRoom = (body: ListRecordingsResponse) =>
    body.recordings.length === plan.roomRecordings &&
    body.recordings.every((each) => each.roomName === room.name && each.roomId === room.roomId);
  const roomPrefix = `${RECORDINGS_PATH}RoomComposite-${room.name}-`;
  return {
    room: { direct: await direct(roomPrefix), api: await api(`?roomName=${encodeURIComponent(room.name)}`, ofRoom) },
    roomId: { direct: await direct(roomPrefix), api: await api(`?roomId=${room.roomId}`, ofRoom) },
    page: {
      direct: await direct(RECORDINGS_PATH, true),
      api: await api(`?maxItems=${plan.pageSize}`, (body) => body.recordings.length === plan.pageSize && Boolean(body.nextPageToken)),
    },
    all: {
      direct: await direct(RECORDINGS_PATH),
      api: await api('', (body) => body.recordings.length === expected.recordings && body.nextPageToken === undefined),
    },
    failures,
  };
}

/** Milliseconds of each call after a warm-up one, up to a count and a time limit. */
async function timeRepeatedly(plan: { samples: number; secondsPerQuery: number }, call: () => Promise<void>): Promise<number[]> {
  await call();
  const times: number[] = [];
  const deadline = performance.now() + plan.secondsPerQuery * 1000;
  while (times.length < plan.samples && (times.length < 5 || performance.now() < deadline)) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}
