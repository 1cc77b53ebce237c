import { RECORDING_EXTENSION, RECORDING_NAME_PREFIX } from '@recording/contracts';

import { ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';

import { RECORDINGS_PATH } from './stack';
import { WORKLOAD } from './workload';

const MIB = 1024 * 1024;
const BLOCK_BYTES = 8 * MIB;
const SMALL_RECORDING_BYTES = 2048;
const FIRST_RECORDING_AT = Date.UTC(2026, 0, 1);
const MINUTES_BETWEEN_RECORDINGS = 17;

export interface SeededLibrary {
  streamed: { name: string; size: number };
  /** Recordings the API lists: the small ones and the streamed one. */
  recordingCount: number;
  sampleRoom: { name: string; recordings: number };
}

type LibraryPlan = typeof WORKLOAD.library;

/**
 * Writes blobs straight into storage as egress and other applications would: one large recording to
 * stream, many small ones to list, and blobs the API must skip over.
 */
export async function seedLibrary(container: ContainerClient, plan: LibraryPlan = WORKLOAD.library): Promise<SeededLibrary> {
  const streamed = recordingName('bench-stream', new Date(), 'RM_benchstream');
  await uploadLarge(container, `${RECORDINGS_PATH}${streamed}`, plan.streamedRecordingBytes);

  const body = randomBytes(SMALL_RECORDING_BYTES);
  await forEachBounded(plan.recordings, plan.seedConcurrency, async (index) => {
    const startedAt = FIRST_RECORDING_AT + index * MINUTES_BETWEEN_RECORDINGS * 60_000;
    const name = recordingName(roomOf(index, plan.rooms), new Date(startedAt), `RM_bench${index}`);
    // Half carry what the webhook adds to a finished recording, so both ways of reading a start time are listed.
    const metadata =
      index % 2 === 0 ? { egressid: `EG_bench${index}`, startedatms: String(startedAt + 1_234), durationseconds: '3600.000' } : undefined;
    await container
      .getBlockBlobClient(`${RECORDINGS_PATH}${name}`)
      .uploadData(body, { metadata, blobHTTPHeaders: { blobContentType: 'video/mp4' } });
  });
  await forEachBounded(plan.foreignBlobs, plan.seedConcurrency, (index) =>
    container.getBlockBlobClient(foreignKey(index, plan.rooms)).uploadData(body),
  );
  await forEachBounded(plan.strayBlobs, plan.seedConcurrency, (index) =>
    container.getBlockBlobClient(strayKey(index, plan.rooms)).uploadData(body),
  );

  const sampleRoom = roomOf(7, plan.rooms);
  const inSampleRoom = Array.from({ length: plan.recordings }, (_, index) => roomOf(index, plan.rooms)).filter(
    (room) => room === sampleRoom,
  ).length;
  return {
    streamed: { name: streamed, size: plan.streamedRecordingBytes },
    recordingCount: plan.recordings + 1,
    sampleRoom: { name: sampleRoom, recordings: inSampleRoom },
  };
}

function roomOf(index: number, rooms: number): string {
  return `bench-room-${String(index % rooms).padStart(2, '0')}`;
}

/** The name egress gives a room composite recording: `{time}` is `YYYY-MM-DDTHHMMSS` in UTC. */
function recordingName(room: string, startedAt: Date, roomId: string): string {
  const time = startedAt.toISOString().slice(0, 19).replace(/:/g, '');
  return `${RECORDING_NAME_PREFIX}${room}-${time}-${roomId}${RECORDING_EXTENSION}`;
}

/** Another application's data; some of it even named like a recording, but outside the recordings path. */
function foreignKey(index: number, rooms: number): string {
  return index % 3 === 0
    ? recordingName(roomOf(index, rooms), new Date(FIRST_RECORDING_AT), `RM_foreign${index}`)
    : `other-app/data-${index}.bin`;
}

/** Under the recordings path but not a recording: manifests, nested folders, notes. */
function strayKey(index: number, rooms: number): string {
  const name = recordingName(roomOf(index, rooms), new Date(FIRST_RECORDING_AT), `RM_stray${index}`);
  switch (index % 3) {
    case 0:
      return `${RECORDINGS_PATH}${name.replace(/\.mp4$/, '.json')}`;
    case 1:
      return `${RECORDINGS_PATH}archive/${name}`;
    default:
      return `${RECORDINGS_PATH}notes-${index}.txt`;
  }
}

/** Staged in blocks of fresh random bytes, so the bench never holds the whole recording either. */
async function uploadLarge(container: ContainerClient, key: string, size: number): Promise<void> {
  const blob = container.getBlockBlobClient(key);
  const blocks = Math.ceil(size / BLOCK_BYTES);
  const blockIds = Array.from({ length: blocks }, (_, index) => Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64'));
  await forEachBounded(blocks, 4, async (index) => {
    const length = Math.min(BLOCK_BYTES, size - index * BLOCK_BYTES);
    await blob.stageBlock(blockIds[index], randomBytes(length), length);
  });
  await blob.commitBlockList(blockIds, { blobHTTPHeaders: { blobContentType: 'video/mp4' } });
}

/** Runs `task(0 … count-1)` with at most `concurrency` at once. */
export async function forEachBounded(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
