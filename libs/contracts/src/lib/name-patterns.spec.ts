import {
  isValidParticipantName,
  isValidRecordingName,
  isValidRoomId,
  isValidRoomName,
  LETTER_PLANES,
  NAME_MAX_LENGTH,
  NAME_PATTERNS,
  RECORDING_NAME_MAX_LENGTH,
  ROOM_ID_MAX_LENGTH,
} from './names';

/** A pattern as a JSON Schema validator reads it (ECMA-262, Unicode mode), with the schema's length bounds. */
function schemaAccepts(pattern: string, value: string, maxLength: number, minLength = 1): boolean {
  const length = [...value].length;
  return length >= minLength && length <= maxLength && new RegExp(pattern, 'u').test(value);
}

const everyCodePoint = function* (): Generator<string> {
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint < 0xd800 || codePoint > 0xdfff) yield String.fromCodePoint(codePoint);
  }
};

describe('NAME_PATTERNS (the name rules as JSON Schema patterns)', () => {
  it.each(Object.entries(NAME_PATTERNS))('writes out %s without Unicode property escapes, anchored', (_name, pattern) => {
    expect(pattern()).not.toMatch(/\\p\{/);
    expect(pattern()).toMatch(/^\^.*\$$/s);
  });

  it('finds letters, marks and digits in no plane but those it scans', () => {
    const letterOrDigit = /[\p{L}\p{M}\p{N}]/u;
    const elsewhere = [...everyCodePoint()].filter((character) => {
      const plane = Math.floor(character.codePointAt(0)! / 0x10000);
      return !LETTER_PLANES.includes(plane) && letterOrDigit.test(character);
    });
    expect(elsewhere).toEqual([]);
  });

  it('accepts exactly the one-character room names isValidRoomName accepts, over every code point', () => {
    const pattern = new RegExp(NAME_PATTERNS.roomName(), 'u');
    const disagreements = [...everyCodePoint()].filter((character) => pattern.test(character) !== isValidRoomName(character));
    expect(disagreements).toEqual([]);
  });

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
    expect(schemaAccepts(NAME_PATTERNS.roomName(), name, NAME_MAX_LENGTH)).toBe(isValidRoomName(name));
  });

  it('spells out the rule "no control character, not blank" exactly, for every BMP character alone and inside a name', () => {
    const rule = (value: string) => !/\p{Cc}/u.test(value) && value.trim().length > 0;
    const pattern = new RegExp(NAME_PATTERNS.participantName(), 'u');
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
    (name) => expect(schemaAccepts(NAME_PATTERNS.participantName(), name, NAME_MAX_LENGTH)).toBe(isValidParticipantName(name)),
  );

  it.each(['RM_abc123', 'RM_', 'RM_a-b', 'rm_abc', `RM_${'a'.repeat(ROOM_ID_MAX_LENGTH - 3)}`, `RM_${'a'.repeat(ROOM_ID_MAX_LENGTH - 2)}`])(
    'agrees with isValidRoomId on %j',
    (id) => expect(schemaAccepts(NAME_PATTERNS.roomId(), id, ROOM_ID_MAX_LENGTH)).toBe(isValidRoomId(id)),
  );

  const name = (room: string, time = '2026-11-23T101500', roomId = 'RM_abc123') => `RoomComposite-${room}-${time}-${roomId}.mp4`;
  it.each([
    name('Test Room'),
    name('my-room-2'),
    name('Sala de reunión'),
    name('𝟙'.repeat(NAME_MAX_LENGTH)),
    name('𝟙'.repeat(NAME_MAX_LENGTH), undefined, `RM_${'a'.repeat(200)}`),
    name('x', undefined, `RM_${'a'.repeat(RECORDING_NAME_MAX_LENGTH)}`),
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
    expect(schemaAccepts(NAME_PATTERNS.recordingName(), recording, RECORDING_NAME_MAX_LENGTH)).toBe(isValidRecordingName(recording));
  });
});
