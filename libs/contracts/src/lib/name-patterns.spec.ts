import {
  isValidParticipantName,
  isValidRecordingName,
  isValidRoomId,
  isValidRoomName,
  NAME_MAX_LENGTH,
  NAME_PATTERNS,
  ROOM_ID_MAX_LENGTH,
} from './names';

/** A pattern as a JSON Schema validator reads it (ECMA-262, Unicode mode), with the schema's length bounds if any. */
function schemaAccepts(pattern: string, value: string, maxLength = Infinity, minLength = 0): boolean {
  const length = [...value].length;
  return length >= minLength && length <= maxLength && new RegExp(pattern, 'u').test(value);
}

describe('NAME_PATTERNS (the name rules as JSON Schema patterns)', () => {
  it.each(Object.entries(NAME_PATTERNS))('anchors %s', (_name, pattern) => expect(pattern).toMatch(/^\^.*\$$/s));

  const roomNames = [
    'Test Room',
    'a',
    'Sala de reunión',
    '会议室',
    'कक्षा',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚',
    '..',
    'a b',
    'x'.repeat(NAME_MAX_LENGTH),
    '𝟙'.repeat(NAME_MAX_LENGTH),
    'x'.repeat(NAME_MAX_LENGTH + 1),
    '',
    ' a',
    'a ',
    'a/b',
    'a\nb',
    "it's",
    '0',
    'a\u00A0b',
  ];

  it.each(roomNames)('agrees with isValidRoomName on %j', (name) => {
    expect(schemaAccepts(NAME_PATTERNS.roomName, name)).toBe(isValidRoomName(name));
  });

  it('spells out the rule "no control character, not blank" exactly, for every BMP character alone and inside a name', () => {
    const rule = (value: string) => !/\p{Cc}/u.test(value) && value.trim().length > 0;
    const pattern = new RegExp(NAME_PATTERNS.participantName, 'u');
    const disagreements: string[] = [];
    for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
      const character = String.fromCharCode(codePoint);
      for (const name of [character, `a${character}b`, ` ${character} `]) {
        if (pattern.test(name) !== rule(name) || isValidParticipantName(name) !== rule(name)) disagreements.push(JSON.stringify(name));
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each(['Alice', '  Bob  ', '\u3000x', '名前', '𝔄', 'x'.repeat(NAME_MAX_LENGTH), 'x'.repeat(NAME_MAX_LENGTH + 1), '', '\uFEFF'])(
    'agrees with isValidParticipantName on %j',
    (name) => expect(schemaAccepts(NAME_PATTERNS.participantName, name, NAME_MAX_LENGTH, 1)).toBe(isValidParticipantName(name)),
  );

  it.each(['RM_abc123', 'RM_', 'RM_a-b', 'rm_abc', `RM_${'a'.repeat(ROOM_ID_MAX_LENGTH - 3)}`, `RM_${'a'.repeat(ROOM_ID_MAX_LENGTH - 2)}`])(
    'agrees with isValidRoomId on %j',
    (id) => expect(schemaAccepts(NAME_PATTERNS.roomId, id)).toBe(isValidRoomId(id)),
  );

  const name = (room: string, time = '2026-11-23T101500', roomId = 'RM_abc123') => `RoomComposite-${room}-${time}-${roomId}.mp4`;
  it.each([
    name('Test Room'),
    name('my-room-2'),
    name('Sala de reunión'),
    name('𝟙'.repeat(NAME_MAX_LENGTH)),
    name('𝟙'.repeat(NAME_MAX_LENGTH), undefined, `RM_${'a'.repeat(ROOM_ID_MAX_LENGTH - 3)}`),
    name('x', undefined, `RM_${'a'.repeat(ROOM_ID_MAX_LENGTH - 2)}`),
    name('room', '2026-02-30T101500'),
    name(' room'),
    name(''),
    name('../../etc'),
    name('a%2Fb'),
    name('x'.repeat(NAME_MAX_LENGTH + 1)),
    name('room', '2026-11-23T1015'),
    name('room', undefined, 'RM_a-b'),
    'RoomComposite-room-2026-11-23T101500-RM_abc123.json',
    'RoomComposite-room-2026-11-23T101500-RM_abc123.mp4\n',
    '0',
  ])('agrees with isValidRecordingName on %j', (recording) => {
    expect(schemaAccepts(NAME_PATTERNS.recordingName, recording)).toBe(isValidRecordingName(recording));
  });
});
