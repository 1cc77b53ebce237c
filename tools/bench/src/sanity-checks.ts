import type { ListRecordingsResponse } from '@recording/contracts';

import { SeededLibrary } from './seed';
import { PORTION_SIZE } from './stack';
import { WORKLOAD } from './workload';

/**
 * Numbers about wrong answers are worthless: before measuring, check that the API sees the seeded library
 * as the benchmarks expect. Doubles as the warm-up of every code path measured.
 */
export async function checkAnswers(apiUrl: string, library: SeededLibrary): Promise<void> {
  const recordingUrl = `${apiUrl}/recordings/${encodeURIComponent(library.streamed.name)}`;

  const all = await listing(`${apiUrl}/recordings`);
  expect(
    all.recordings.length === library.recordingCount,
    `GET /recordings lists ${all.recordings.length} recordings, expected ${library.recordingCount}`,
  );
  const page = await listing(`${apiUrl}/recordings?maxItems=${WORKLOAD.listing.pageSize}`);
  expect(
    page.recordings.length === WORKLOAD.listing.pageSize && Boolean(page.nextPageToken),
    'GET /recordings?maxItems= does not answer one page with a nextPageToken',
  );
  const room = await listing(`${apiUrl}/recordings?roomName=${encodeURIComponent(library.sampleRoom.name)}`);
  expect(
    room.recordings.length === library.sampleRoom.recordings && room.recordings.every((each) => each.roomName === library.sampleRoom.name),
    `GET /recordings?roomName=${library.sampleRoom.name} lists ${room.recordings.length} recordings, expected ${library.sampleRoom.recordings}`,
  );

  const head = await fetch(recordingUrl, { method: 'HEAD' });
  expect(
    head.status === 200 && head.headers.get('content-length') === String(library.streamed.size),
    `HEAD answers ${head.status} with Content-Length ${head.headers.get('content-length')}`,
  );

  const portion = await fetch(recordingUrl, { headers: { range: 'bytes=1000-' } });
  const portionBytes = (await portion.arrayBuffer()).byteLength;
  expect(
    portion.status === 206 && portionBytes === PORTION_SIZE,
    `Range bytes=1000- answers ${portion.status} with ${portionBytes} bytes, expected 206 with ${PORTION_SIZE}`,
  );

  const token = await fetch(`${apiUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomName: 'Bench Room', participantName: 'Bench Participant' }),
  });
  const body = (await token.json()) as { token?: unknown };
  expect(token.status === 200 && typeof body.token === 'string', `POST /token answers ${token.status}`);
}

async function listing(url: string): Promise<ListRecordingsResponse> {
  const response = await fetch(url);
  expect(response.status === 200, `GET ${new URL(url).pathname}${new URL(url).search} answers ${response.status}`);
  return (await response.json()) as ListRecordingsResponse;
}

function expect(condition: boolean, problem: string): asserts condition {
  if (!condition) throw new Error(`The API does not answer as the benchmarks assume: ${problem}.`);
}
