/**
 * Room, participant and recording names: the validation rules of the contract, shared by the API (which
 * enforces them) and the SPA (which checks them before asking).
 */
export const NAME_MAX_LENGTH = 100;

/** 1–100 letters and digits of any script, space, `-`, `_`, `.`; no leading or trailing space. */
const ROOM_NAME = /^[\p{L}\p{M}\p{N}_.-](?:[\p{L}\p{M}\p{N} _.-]*[\p{L}\p{M}\p{N}_.-])?$/u;
const CONTROL_CHARACTERS = /\p{Cc}/u;

export function isValidRoomName(value: unknown): value is string {
  return typeof value === 'string' && [...value].length <= NAME_MAX_LENGTH && ROOM_NAME.test(value);
}

/** 1–100 characters, no control characters. */
export function isValidParticipantName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const length = [...value].length;
  return length >= 1 && length <= NAME_MAX_LENGTH && !CONTROL_CHARACTERS.test(value) && value.trim().length > 0;
}

/** Room SID as LiveKit writes it: `RM_` and base57 characters. */
const ROOM_ID = /^RM_[A-Za-z0-9]+$/;

export function isValidRoomId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && ROOM_ID.test(value);
}

export const RECORDING_NAME_PREFIX = 'RoomComposite-';
export const RECORDING_EXTENSION = '.mp4';

/** The name's parts, parsed from the right (a room name may itself contain `-`). */
const RECORDING_NAME = /^RoomComposite-(?<room>.+)-(?<time>\d{4}-\d{2}-\d{2}T\d{6})-(?<roomId>RM_[A-Za-z0-9]+)\.mp4$/u;

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
