/**
 * Room, participant and recording names: the validation rules of the contract, shared by the API (which
 * enforces them) and the SPA (which checks them before asking). Each rule is one regular expression source; the
 * OpenAPI document gets the same sources as JSON Schema patterns ({@link NAME_PATTERNS}).
 */
export const NAME_MAX_LENGTH = 100;

/** Letters, marks and digits of any script: the characters of a room name besides space, `_`, `.` and `-`. */
const LETTERS_AND_DIGITS = String.raw`\p{L}\p{M}\p{N}`;
const ROOM_CHARACTER = `[${LETTERS_AND_DIGITS}_.-]`;

/** 1–100 letters and digits of any script, space, `-`, `_`, `.`; no leading or trailing space. */
const ROOM_NAME_SOURCE = `${ROOM_CHARACTER}(?:[${LETTERS_AND_DIGITS} _.-]{0,${NAME_MAX_LENGTH - 2}}${ROOM_CHARACTER})?`;
const ROOM_NAME = new RegExp(`^${ROOM_NAME_SOURCE}$`, 'u');

/**
 * What `String.prototype.trim` removes (ECMAScript's WhiteSpace and LineTerminator: space separators, tab, VT, FF,
 * BOM, LF, CR, LS, PS) and the control characters (`\p{Cc}`), written out: "not blank" is no Unicode property.
 */
const CONTROL = String.raw`\u0000-\u001F\u007F-\u009F`;
const BLANK_OR_CONTROL = String.raw`\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF`;
/** No control character, and not blank. */
const PARTICIPANT_NAME_SOURCE = `[^${CONTROL}]*[^${BLANK_OR_CONTROL}][^${CONTROL}]*`;
const PARTICIPANT_NAME = new RegExp(`^${PARTICIPANT_NAME_SOURCE}$`, 'u');

export function isValidRoomName(value: unknown): value is string {
  return typeof value === 'string' && ROOM_NAME.test(value);
}

/** 1–100 characters, no control characters, not blank. */
export function isValidParticipantName(value: unknown): value is string {
  return typeof value === 'string' && codePointLength(value) <= NAME_MAX_LENGTH && PARTICIPANT_NAME.test(value);
}

/** Room SID as LiveKit writes it: `RM_` and base57 characters (12 of them today), 64 characters at most. */
export const ROOM_ID_MAX_LENGTH = 64;
const ROOM_ID_SOURCE = `RM_[A-Za-z0-9]{1,${ROOM_ID_MAX_LENGTH - 3}}`;
const ROOM_ID = new RegExp(`^${ROOM_ID_SOURCE}$`);

export function isValidRoomId(value: unknown): value is string {
  return typeof value === 'string' && ROOM_ID.test(value);
}

export const RECORDING_NAME_PREFIX = 'RoomComposite-';
export const RECORDING_EXTENSION = '.mp4';

const EGRESS_TIME_SOURCE = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}';

/** The name's parts, parsed from the right (a room name may itself contain `-`). */
const RECORDING_NAME = new RegExp(`^RoomComposite-(?<room>.+)-(?<time>${EGRESS_TIME_SOURCE})-(?<roomId>${ROOM_ID_SOURCE})\\.mp4$`, 'u');
/**
 * The same language as {@link parseRecordingName} in one expression: the room id cannot hold a `-` and the time has
 * a fixed length, so the room part is what is left, and it has to be a valid room name. Every part is bounded, so the
 * expression bounds the name's length too (201 characters at most).
 */
const RECORDING_NAME_SOURCE = `RoomComposite-${ROOM_NAME_SOURCE}-${EGRESS_TIME_SOURCE}-${ROOM_ID_SOURCE}\\.mp4`;

export interface RecordingNameParts {
  roomName: string;
  /** The egress `{time}` placeholder as written: `YYYY-MM-DDTHHMMSS`. */
  time: string;
  roomId: string;
  /**
   * `time` read as UTC (egress containers run in UTC), epoch milliseconds; undefined when it is not a real
   * clock time after 1970 (`2026-02-30T256000`): such a name is still a recording's, only its time is unknown.
   */
  startedAt?: number;
}

/** Parses a recording name (the blob basename); `undefined` when it is not one of ours. */
export function parseRecordingName(name: unknown): RecordingNameParts | undefined {
  // A cheap bound before the expressions: no valid name comes near it.
  if (typeof name !== 'string' || name.length > 400) return undefined;
  const match = RECORDING_NAME.exec(name);
  const groups = match?.groups;
  if (!groups) return undefined;
  const { room, time, roomId } = groups as { room: string; time: string; roomId: string };
  if (!isValidRoomName(room)) return undefined;
  const startedAt = parseEgressTime(time);
  return startedAt === undefined ? { roomName: room, time, roomId } : { roomName: room, time, roomId, startedAt };
}

export function isValidRecordingName(name: unknown): name is string {
  return parseRecordingName(name) !== undefined;
}

/**
 * The name Egress gives a recording of `roomName` (SID `roomId`) started at `startedAt` (epoch ms; `{time}` is the
 * recorder's clock in UTC): the embedded recorder writes the same, and the API expects it before Egress said it.
 */
export function recordingNameFor(roomName: string, startedAt: number, roomId: string): string {
  const time = new Date(startedAt).toISOString().slice(0, 19).replace(/[:]/g, '');
  return `${RECORDING_NAME_PREFIX}${roomName}-${time}-${roomId}${RECORDING_EXTENSION}`;
}

/** Where a recording is stored: `RECORDINGS_PATH` + its name, in the container. */
export function recordingKeyOf(recordingsPath: string, name: string): string {
  return `${recordingsPath}${name}`;
}

/**
 * The file name a shared recording downloads under: when it was recorded and nothing else, so that a share link's
 * download never names the room (`recording-2026-11-23-1015.mp4`; `recording.mp4` when the time is unknown).
 */
export function neutralRecordingFileName(name: string): string {
  const time = parseRecordingName(name)?.time;
  if (!time) return `recording${RECORDING_EXTENSION}`;
  return `recording-${time.slice(0, 10)}-${time.slice(11, 15)}${RECORDING_EXTENSION}`;
}

function parseEgressTime(time: string): number | undefined {
  const [, year, month, day, hour, minute, second] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(time)!.map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  const roundTrips =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return roundTrips && ms >= 0 ? ms : undefined;
}

/**
 * The egress `filepath` template for a room composite recording, under the given blob prefix.
 * Egress fills the placeholders and appends `.mp4`.
 */
export function recordingFilepathTemplate(recordingsPath: string): string {
  return `${recordingsPath}${RECORDING_NAME_PREFIX}{room_name}-{time}-{room_id}`;
}

/** Characters as JSON Schema's `maxLength` counts them: code points, not UTF-16 units. */
function codePointLength(value: string): number {
  return [...value].length;
}

/**
 * The name rules as JSON Schema patterns for the OpenAPI document: the very sources the validators above run,
 * anchored. JSON Schema patterns are ECMA-262 expressions read in Unicode mode, so `\p{L}` (letters), `\p{M}` (marks)
 * and `\p{N}` (digits and numerals) mean there what they mean here. Room, room id and recording patterns bound the
 * length themselves (`minLength`/`maxLength` beside them only restate it).
 */
export const NAME_PATTERNS = {
  roomName: `^${ROOM_NAME_SOURCE}$`,
  participantName: `^${PARTICIPANT_NAME_SOURCE}$`,
  roomId: `^${ROOM_ID_SOURCE}$`,
  recordingName: `^${RECORDING_NAME_SOURCE}$`,
} as const;
