import { RECORDING_EXTENSION, RECORDING_NAME_PREFIX } from '@recording/contracts';

import { ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';

import { RECORDINGS_PATH } from './stack';
import { WORKLOAD } from './workload';

const MIB = 1024 * 1024;
const BLOCK_BYTES = 8 * MIB;
const SMALL_RECORDING_BYTES = 2048;
const FIRST_RECORDING_AT = Date.UTC(2026, 0, 1);
const MINUTES_BETWEEN_RECORDINGS = 3;
const SAMPLE_ROOM = 7;

type LibraryPlan = typeof WORKLOAD.library;

export interface Room {
  name: string;
  roomId: string;
}

export interface StreamedRecording {
  name: string;
  key: string;
  size: number;
}

/** One large recording to stream, written block by block (the bench never holds it whole either). */
export async function seedStreamedRecording(container: ContainerClient, size: number): Promise<StreamedRecording> {
  const name = recordingName({ name: 'bench-stream', roomId: 'RM_benchstream' }, Date.now());
  const key = `${RECORDINGS_PATH}${name}`;
  const blob = container.getBlockBlobClient(key);
  const blocks = Math.ceil(size / BLOCK_BYTES);
  const blockIds = Array.from({ length: blocks }, (_, index) => Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64'));
  await forEachBounded(blocks, 4, async (index) => {
    const length = Math.min(BLOCK_BYTES, size - index * BLOCK_BYTES);
    await blob.stageBlock(blockIds[index], randomBytes(length), length);
  });
  await blob.commitBlockList(blockIds, { blobHTTPHeaders: { blobContentType: 'video/mp4' } });
  return { name, key, size };
}

/**
 * The small recordings of rooms `fromRoom` … `toRoom - 1`, as egress writes them, in parallel. Start
 * times interleave the rooms (a page across all rooms mixes them) and do not depend on how many rooms
 * are seeded, so growing the library only adds rooms.
 */
export async function seedRooms(
  container: ContainerClient,
  fromRoom: number,
  toRoom: number,
  plan: LibraryPlan = WORKLOAD.library,
): Promise<void> {
  const body = randomBytes(SMALL_RECORDING_BYTES);
  const rooms = toRoom - fromRoom;
  await forEachBounded(rooms * plan.recordingsPerRoom, plan.seedConcurrency, async (index) => {
    const room = fromRoom + (index % rooms);
    const sequence = Math.floor(index / rooms);
    const startedAt = FIRST_RECORDING_AT + (sequence * plan.largeRooms + room) * MINUTES_BETWEEN_RECORDINGS * 60_000;
    // Half carry what the webhook adds to a finished recording, so both ways of reading a start time are listed.
    const metadata =
      sequence % 2 === 0
        ? { egressid: `EG_bench${room}x${sequence}`, startedatms: String(startedAt + 1_234), durationseconds: '3600.000' }
        : undefined;
    await container
      .getBlockBlobClient(`${RECORDINGS_PATH}${recordingName(roomOf(room), startedAt)}`)
      .uploadData(body, { metadata, blobHTTPHeaders: { blobContentType: 'video/mp4' } });
  });
}

/** Blobs the API must skip over: other applications' data, and non-recordings under the recordings path. */
export async function seedOtherBlobs(container: ContainerClient, plan: LibraryPlan = WORKLOAD.library): Promise<void> {
  const body = randomBytes(SMALL_RECORDING_BYTES);
  await forEachBounded(plan.foreignBlobs, plan.seedConcurrency, (index) =>
    container.getBlockBlobClient(foreignKey(index)).uploadData(body),
  );
  await forEachBounded(plan.strayBlobs, plan.seedConcurrency, (index) => container.getBlockBlobClient(strayKey(index)).uploadData(body));
}

export function sampleRoom(): Room {
  return roomOf(SAMPLE_ROOM);
}

function roomOf(index: number): Room {
  const number = String(index).padStart(3, '0');
  return { name: `bench-room-${number}`, roomId: `RM_benchroom${number}` };
}

/** The name egress gives a room composite recording: `{time}` is `YYYY-MM-DDTHHMMSS` in UTC. */
function recordingName(room: Room, startedAt: number): string {
  const time = new Date(startedAt).toISOString().slice(0, 19).replace(/[:]/g, '');
  return `${RECORDING_NAME_PREFIX}${room.name}-${time}-${room.roomId}${RECORDING_EXTENSION}`;
}

/** Another application's data; some of it even named like a recording, but outside the recordings path. */
function foreignKey(index: number): string {
  return index % 3 === 0 ? recordingName(roomOf(index), FIRST_RECORDING_AT) : `other-app/data-${index}.bin`;
}

/** Under the recordings path but not a recording: manifests, nested folders, notes. */
function strayKey(index: number): string {
  const name = recordingName(roomOf(index), FIRST_RECORDING_AT);
  switch (index % 3) {
    case 0:
      return `${RECORDINGS_PATH}${name.replace(/\.mp4$/, '.json')}`;
    case 1:
      return `${RECORDINGS_PATH}archive/${name}`;
    default:
      return `${RECORDINGS_PATH}notes-${index}.txt`;
  }
}

/** Runs `task(0 … count-1)` with at most `concurrency` at once. */
export async function forEachBounded(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
