import {
  entryMetadata,
  indexFolders,
  newestFirstKey,
  parseNewestFirstKey,
  parseRoomIdKey,
  roomIdKey,
  sameMetadata,
  storedFileOfEntry,
} from './recording-index-keys';
import { compareNewestFirst } from './recording-page';

const folders = indexFolders('recordings/');

describe('newest-first entries', () => {
  const recordings = [
    { startedAt: Date.UTC(2026, 10, 23, 10, 15), name: 'RoomComposite-b-2026-11-23T101500-RM_b.mp4' },
    { startedAt: Date.UTC(2026, 10, 23, 10, 15), name: 'RoomComposite-a-2026-11-23T101500-RM_a.mp4' },
    { startedAt: Date.UTC(2026, 0, 1), name: 'RoomComposite-c-2026-01-01T000000-RM_c.mp4' },
    { startedAt: Date.UTC(9999, 11, 31), name: 'RoomComposite-d-9999-12-31T000000-RM_d.mp4' },
    { startedAt: 1, name: 'RoomComposite-e-1970-01-01T000000-RM_e.mp4' },
  ];

  it('sort by name exactly as listings sort: newest first, equal starts by recording name', () => {
    const byKey = [...recordings].sort((a, b) => (newestFirstKey(folders, a) < newestFirstKey(folders, b) ? -1 : 1));
    expect(byKey).toEqual([...recordings].sort(compareNewestFirst));
  });

  it('live in the index folder of the recordings path and read back', () => {
    for (const recording of recordings) {
      const key = newestFirstKey(folders, recording);
      expect(key.startsWith('recordings/.index/newest-first/')).toBe(true);
      expect(parseNewestFirstKey(folders, key)).toEqual(recording);
    }
  });

  it.each(['recordings/.index/newest-first/123-x.mp4', 'recordings/.index/room-ids/RM_a/a', 'recordings/x.mp4'])('ignore %j', (key) =>
    expect(parseNewestFirstKey(folders, key)).toBeUndefined(),
  );

  it('carry the file as a listing needs it, and give it back', () => {
    const file = { size: 4096, createdOn: new Date('2026-11-23T10:15:00Z'), metadata: { startedatms: '1795428900500', egressid: 'EG_1' } };
    expect(storedFileOfEntry(entryMetadata(file))).toEqual(file);
    expect(storedFileOfEntry({ egressid: 'EG_1' })).toBeUndefined();
  });
});

describe('room id entries', () => {
  it.each(['Test Room', '..', 'ends with a dot.', '会议室'])('hold the room name %j safely and read back', (roomName) => {
    const key = roomIdKey(folders, 'RM_abc', roomName);
    expect(key.slice('recordings/.index/room-ids/RM_abc/'.length)).not.toMatch(/[/.]/);
    expect(parseRoomIdKey(folders, key)).toEqual({ roomId: 'RM_abc', roomName });
  });

  it.each([
    'recordings/.index/room-ids/RM_abc',
    'recordings/.index/room-ids/EG_x/room',
    'recordings/.index/room-ids/RM_a/b/c',
    'recordings/.index/room-ids/RM_a/%E0',
  ])('ignore %j', (key) => expect(parseRoomIdKey(folders, key)).toBeUndefined());
});

describe('sameMetadata', () => {
  it('ignores the case of names and the order, not values', () => {
    expect(sameMetadata({ a: '1', B: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameMetadata({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameMetadata({ a: '1' }, { a: '1', b: '2' })).toBe(false);
  });
});
