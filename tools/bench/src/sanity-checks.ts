import type { ListRecordingsResponse } from '@recording/contracts';

import { setTimeout as sleep } from 'node:timers/promises';

import { StreamedRecording } from './seed';
import { WORKLOAD } from './workload';

const INDEX_TIMEOUT_MS = 120_000;

/**
 * Waits until the paged listing across all rooms shows the whole library: recordings written straight
 * into storage (no webhook) reach it through the API's sweep, and only then is the page measurable.
 * Returns how long that took.
 */
export async function waitUntilListed(apiUrl: string, recordings: number): Promise<number> {
  const started = Date.now();
  let listed = 0;
  while (Date.now() - started < INDEX_TIMEOUT_MS) {
    listed = await countPaged(apiUrl);
    if (listed === recordings) return Date.now() - started;
    await sleep(2_000);
  }
  throw new Error(`The API lists ${listed} of ${recordings} recordings page by page after ${INDEX_TIMEOUT_MS / 1000} s`);
}

async function countPaged(apiUrl: string): Promise<number> {
  let count = 0;
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({ maxItems: '1000', ...(pageToken ? { pageToken } : {}) });
    const page = await listing(`${apiUrl}/recordings?${query}`);
    count += page.recordings.length;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return count;
}

/**
 * Numbers about wrong answers are worthless: before measuring, check that the API sees the seeded library
 * as the benchmarks expect. Doubles as the warm-up of every code path measured.
 */
export async function checkAnswers(apiUrl: string, library: { streamed: StreamedRecording; recordings: number }): Promise<void> {
  const recordingUrl = `${apiUrl}/recordings/${encodeURIComponent(library.streamed.name)}`;
  const all = await listing(`${apiUrl}/recordings`);
  expect(
    all.recordings.length === library.recordings,
    `GET /recordings lists ${all.recordings.length} recordings, expected ${library.recordings}`,
  );
  expect(all.recordings[0]?.name === library.streamed.name, 'GET /recordings does not list the newest recording first');

  const head = await fetch(recordingUrl, { method: 'HEAD' });
  expect(
    head.status === 200 && head.headers.get('content-length') === String(library.streamed.size),
    `HEAD answers ${head.status} with Content-Length ${head.headers.get('content-length')}`,
  );
  const portion = await fetch(recordingUrl, { headers: { range: 'bytes=1000-' } });
  const portionBytes = (await portion.arrayBuffer()).byteLength;
  expect(
    portion.status === 206 && portionBytes === WORKLOAD.recording.portionBytes,
    `Range bytes=1000- answers ${portion.status} with ${portionBytes} bytes, expected 206 with ${WORKLOAD.recording.portionBytes}`,
  );
}

async function listing(url: string): Promise<ListRecordingsResponse> {
  const response = await fetch(url);
  expect(response.status === 200, `GET ${new URL(url).pathname}${new URL(url).search} answers ${response.status}`);
  return (await response.json()) as ListRecordingsResponse;
}

function expect(condition: boolean, problem: string): asserts condition {
  if (!condition) throw new Error(`The API does not answer as the benchmarks assume: ${problem}.`);
}
