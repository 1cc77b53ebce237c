import { isValidRoomId, isValidRoomName } from '@recording/contracts';

import { LATEST_START, StoredFile } from './stored-recording';

/**
 * The recordings index: zero-byte blobs in a dot-folder of the recordings path (never listed as
 * recordings: their names hold slashes), whose names storage keeps in order.
 * - `newest-first/<15-digit inverted start>-<name>`: storage lists them newest first, so a page across
 *   all rooms is one listing call from a start position, however large the library. The entry's metadata
 *   is the recording's own metadata plus its size and creation time: a page needs no other read.
 * - `room-ids/<room id>/<encoded room name>`: which room names a room id (a room's session) belongs to,
 *   so `?roomId=` can list those rooms' recordings by prefix.
 */
export interface IndexFolders {
  root: string;
  newestFirst: string;
  roomIds: string;
}

const START_DIGITS = 15;
const SIZE_KEY = 'indexedsize';
const CREATED_KEY = 'indexedcreatedon';

export function indexFolders(recordingsPath: string): IndexFolders {
  const root = `${recordingsPath}.index/`;
  return { root, newestFirst: `${root}newest-first/`, roomIds: `${root}room-ids/` };
}

/** The entry's name sorts newest first, equal starts by recording name: the order of every listing. */
export function newestFirstKey(folders: IndexFolders, recording: { startedAt: number; name: string }): string {
  const inverted = String(LATEST_START - Math.min(Math.max(recording.startedAt, 0), LATEST_START)).padStart(START_DIGITS, '0');
  return `${folders.newestFirst}${inverted}-${recording.name}`;
}

export function parseNewestFirstKey(folders: IndexFolders, key: string): { startedAt: number; name: string } | undefined {
  if (!key.startsWith(folders.newestFirst)) return undefined;
  const rest = key.slice(folders.newestFirst.length);
  if (!new RegExp(`^\\d{${START_DIGITS}}-`).test(rest)) return undefined;
  return { startedAt: LATEST_START - Number(rest.slice(0, START_DIGITS)), name: rest.slice(START_DIGITS + 1) };
}

/** Room names may be `..` or end with a dot, which blob URLs would resolve away: dots are encoded too. */
export function roomIdKey(folders: IndexFolders, roomId: string, roomName: string): string {
  return `${folders.roomIds}${roomId}/${encodeURIComponent(roomName).replace(/\./g, '%2E')}`;
}

export function roomIdPrefix(folders: IndexFolders, roomId: string): string {
  return `${folders.roomIds}${roomId}/`;
}

export function parseRoomIdKey(folders: IndexFolders, key: string): { roomId: string; roomName: string } | undefined {
  if (!key.startsWith(folders.roomIds)) return undefined;
  const [roomId, encoded, ...extra] = key.slice(folders.roomIds.length).split('/');
  if (extra.length > 0 || encoded === undefined || !isValidRoomId(roomId)) return undefined;
  try {
    const roomName = decodeURIComponent(encoded);
    return isValidRoomName(roomName) ? { roomId, roomName } : undefined;
  } catch {
    return undefined;
  }
}

/** What a newest-first entry carries: the file as the listing needs it. */
export function entryMetadata(file: StoredFile): Record<string, string> {
  return { ...file.metadata, [SIZE_KEY]: String(file.size), [CREATED_KEY]: String(file.createdOn.getTime()) };
}

export function storedFileOfEntry(metadata: Record<string, string>): StoredFile | undefined {
  const { [SIZE_KEY]: size, [CREATED_KEY]: created, ...rest } = metadata;
  const [bytes, createdOn] = [Number(size), Number(created)];
  if (!Number.isSafeInteger(bytes) || bytes < 0 || !Number.isSafeInteger(createdOn)) return undefined;
  return { size: bytes, createdOn: new Date(createdOn), metadata: rest };
}

/** Metadata as storage gives it back may differ in the case of its names only. */
export function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const normal = (metadata: Record<string, string>) =>
    JSON.stringify(
      Object.entries(metadata)
        .map(([name, value]) => [name.toLowerCase(), value])
        .sort(),
    );
  return normal(a) === normal(b);
}
