import { RECORDING_STATUSES, RecordingStatus } from './recording';

/**
 * The room's current recording, as the API keeps it in the LiveKit room's metadata on every start, stop and egress
 * webhook: `{"recording": {...}}`, beside whatever other keys the metadata has. A participant who joins reads it
 * from `room.metadata` at once; everyone gets `RoomEvent.RoomMetadataChanged` when it changes.
 */
export interface RoomRecording {
  status: RecordingStatus;
  /** The recording's name (the MP4's basename). */
  name: string;
  /** Epoch ms: when the file began once it is active, when egress was asked to start before that. */
  startedAt?: number;
  /** The participant name (or `operator`) whose request started it, when known. */
  startedBy?: string;
  /** Why it failed or was aborted. */
  error?: string;
}

const RECORDING_KEY = 'recording';

/** The recording a room's metadata carries; undefined for anything else (no metadata, not JSON, not ours). */
export function parseRoomRecording(metadata: string | undefined): RoomRecording | undefined {
  const recording = objectOf(parseJson(metadata))?.[RECORDING_KEY];
  const fields = objectOf(recording);
  if (!fields) return undefined;
  const { status, name, startedAt, startedBy, error } = fields;
  if (!RECORDING_STATUSES.includes(status as RecordingStatus) || typeof name !== 'string' || name === '') return undefined;
  return {
    status: status as RecordingStatus,
    name,
    ...(typeof startedAt === 'number' && Number.isFinite(startedAt) && startedAt > 0 ? { startedAt } : {}),
    ...(typeof startedBy === 'string' && startedBy.trim() !== '' ? { startedBy } : {}),
    ...(typeof error === 'string' && error !== '' ? { error } : {}),
  };
}

/**
 * The metadata with `recording` set and every other key kept; undefined when the metadata is someone else's text
 * that is not a JSON object (it cannot be kept beside ours, so it is left alone).
 */
export function withRoomRecording(metadata: string | undefined, recording: RoomRecording): string | undefined {
  if (!metadata) return JSON.stringify({ [RECORDING_KEY]: recording });
  const current = objectOf(parseJson(metadata));
  return current && JSON.stringify({ ...current, [RECORDING_KEY]: recording });
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
