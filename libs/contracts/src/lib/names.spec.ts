import {
  isValidParticipantName,
  isValidRecordingName,
  isValidRoomId,
  isValidRoomName,
  parseRecordingName,
  recordingFilepathTemplate,
  recordingNameFor,
} from './names';

describe('isValidRoomName', () => {
  it.each(['Test Room', 'a', 'room_1.final-2', 'Sala de reunión', 'комната', '会议室', 'कक्षा', '..', 'x'.repeat(100)])(
    'accepts %j',
    (name) => expect(isValidRoomName(name)).toBe(true),
  );

  it.each([
    ['empty', ''],
    ['leading space', ' room'],
    ['trailing space', 'room '],
    ['slash', 'a/b'],
    ['backslash', 'a\\b'],
    ['percent', 'a%2Fb'],
    ['angle brackets', '<script>'],
    ['quote', "it's"],
    ['newline', 'a\nb'],
    ['tab', 'a\tb'],
    ['101 characters', 'x'.repeat(101)],
    ['not a string', 42],
    ['undefined', undefined],
  ])('rejects %s', (_label, name) => expect(isValidRoomName(name)).toBe(false));
});

describe('isValidParticipantName', () => {
  it.each(['Alice', "Zoë O'Brien <admin>", '名前', 'x'.repeat(100)])('accepts %j', (name) =>
    expect(isValidParticipantName(name)).toBe(true),
  );
  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['control character', 'a\u0000b'],
    ['newline', 'a\nb'],
    ['101 characters', 'x'.repeat(101)],
    ['not a string', { name: 'x' }],
  ])('rejects %s', (_label, name) => expect(isValidParticipantName(name)).toBe(false));
});

describe('isValidRoomId', () => {
  it('accepts a room SID', () => expect(isValidRoomId('RM_abc123XYZ')).toBe(true));
  it.each(['', 'RM_', 'EG_abc', 'RM_a-b', 'rm_abc'])('rejects %j', (id) => expect(isValidRoomId(id)).toBe(false));
});

describe('parseRecordingName', () => {
  it('parses the parts from the right, keeping dashes in the room name', () => {
    expect(parseRecordingName('RoomComposite-my-room-2-2026-11-23T101500-RM_abc123.mp4')).toEqual({
      roomName: 'my-room-2',
      time: '2026-11-23T101500',
      roomId: 'RM_abc123',
      startedAt: Date.UTC(2026, 10, 23, 10, 15, 0),
    });
  });

  it('parses a room name with spaces and other scripts', () => {
    expect(parseRecordingName('RoomComposite-Sala de reunión-2026-01-02T030405-RM_Zz9.mp4')?.roomName).toBe('Sala de reunión');
  });

  it.each([
    ['an impossible date', 'RoomComposite-room-2026-02-30T101500-RM_abc123.mp4', '2026-02-30T101500'],
    ['an impossible time', 'RoomComposite-room-2026-11-23T256000-RM_abc123.mp4', '2026-11-23T256000'],
    ['a year before 1970', 'RoomComposite-room-1969-12-31T235959-RM_abc123.mp4', '1969-12-31T235959'],
    ['year zero', 'RoomComposite-room-0000-01-01T000000-RM_abc123.mp4', '0000-01-01T000000'],
  ])('accepts a name whose time is %s, without a start time', (_label, name, time) => {
    expect(parseRecordingName(name)).toEqual({ roomName: 'room', time, roomId: 'RM_abc123' });
    expect(isValidRecordingName(name)).toBe(true);
  });

  it.each([
    ['another extension', 'RoomComposite-room-2026-11-23T101500-RM_abc123.json'],
    ['no prefix', 'room-2026-11-23T101500-RM_abc123.mp4'],
    ['a path', 'x/RoomComposite-room-2026-11-23T101500-RM_abc123.mp4'],
    ['traversal in the room part', 'RoomComposite-../../etc-2026-11-23T101500-RM_abc123.mp4'],
    ['an encoded slash', 'RoomComposite-a%2Fb-2026-11-23T101500-RM_abc123.mp4'],
    ['an invalid room name', 'RoomComposite- room-2026-11-23T101500-RM_abc123.mp4'],
    ['no room id', 'RoomComposite-room-2026-11-23T101500.mp4'],
    ['an empty room', 'RoomComposite--2026-11-23T101500-RM_abc123.mp4'],
    ['a trailing newline', 'RoomComposite-room-2026-11-23T101500-RM_abc123.mp4\n'],
  ])('rejects %s', (_label, name) => {
    expect(parseRecordingName(name)).toBeUndefined();
    expect(isValidRecordingName(name)).toBe(false);
  });
});

describe('recordingFilepathTemplate', () => {
  it('puts the egress placeholders under the recordings path', () => {
    expect(recordingFilepathTemplate('recordings/')).toBe('recordings/RoomComposite-{room_name}-{time}-{room_id}');
  });
});

describe('recordingNameFor', () => {
  it('fills the template like Egress does, in UTC, and parses back', () => {
    const name = recordingNameFor('Test Room', Date.UTC(2026, 10, 23, 10, 15, 0), 'RM_abc123');
    expect(name).toBe('RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4');
    expect(parseRecordingName(name)).toMatchObject({ roomName: 'Test Room', time: '2026-11-23T101500', roomId: 'RM_abc123' });
  });
});
