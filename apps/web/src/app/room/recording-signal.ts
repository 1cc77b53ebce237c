import { isRecordingLayout, RECORDING_STATUSES, RecordingSignal, RecordingStatus } from '@recording/contracts';

const decoder = new TextDecoder();

/** Reads a `recording-status` data message; anything malformed is `undefined` (and ignored). */
export function parseRecordingSignal(payload: Uint8Array): RecordingSignal | undefined {
  let message: unknown;
  try {
    message = JSON.parse(decoder.decode(payload));
  } catch {
    return undefined;
  }
  if (!isObject(message)) return undefined;
  if (message['type'] === 'recording_deleted') {
    return typeof message['name'] === 'string' ? { type: 'recording_deleted', name: message['name'] } : undefined;
  }
  if (message['type'] !== 'recording_status' || !isObject(message['recording'])) return undefined;
  const recording = message['recording'];
  const { name, roomName, roomId, status } = recording;
  if (typeof name !== 'string' || typeof roomName !== 'string' || typeof roomId !== 'string') return undefined;
  if (!RECORDING_STATUSES.includes(status as RecordingStatus)) return undefined;
  const error = typeof message['error'] === 'string' ? message['error'] : undefined;
  const { startedAt, layout, audioOnly } = recording;
  return {
    type: 'recording_status',
    recording: {
      name,
      roomName,
      roomId,
      status: status as RecordingStatus,
      ...(typeof startedAt === 'number' && Number.isFinite(startedAt) && startedAt > 0 ? { startedAt } : {}),
      ...(isRecordingLayout(layout) ? { layout } : {}),
      ...(typeof audioOnly === 'boolean' ? { audioOnly } : {}),
    },
    ...(error ? { error } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
