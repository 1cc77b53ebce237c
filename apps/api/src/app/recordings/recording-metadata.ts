import { Recording, RecordingNameParts } from '@recording/contracts';

import { RecordingRecord, recordingStartOf } from './recording-record';

/**
 * Blob metadata the API keeps with a finished recording's MP4, so the listing knows what only egress and the API
 * knew, on every replica and after the room is gone. Azure metadata names are case-insensitive and values ASCII, so
 * participant names travel percent-encoded.
 */
const METADATA = {
  egressId: 'egressid',
  startedAt: 'startedatms',
  endedAt: 'endedatms',
  duration: 'durationseconds',
  size: 'sizebytes',
  startedBy: 'startedby',
  stoppedBy: 'stoppedby',
  status: 'status',
} as const;

/** What the MP4 of an ended recording carries. */
export function completionMetadataOf(record: RecordingRecord): Record<string, string> {
  const metadata: Record<string, string> = {
    [METADATA.egressId]: record.egressId,
    [METADATA.startedAt]: String(recordingStartOf(record)),
    // A stored file is complete, or failed when egress wrote it and then failed (limit reached keeps what it has).
    [METADATA.status]: record.status === 'failed' || record.status === 'aborted' ? 'failed' : 'complete',
  };
  if (record.endedAt !== undefined) metadata[METADATA.endedAt] = String(record.endedAt);
  if (record.durationMs) metadata[METADATA.duration] = (record.durationMs / 1000).toFixed(3);
  if (record.sizeBytes !== undefined) metadata[METADATA.size] = String(record.sizeBytes);
  if (record.startedBy !== undefined) metadata[METADATA.startedBy] = encodeURIComponent(record.startedBy);
  if (record.stoppedBy !== undefined) metadata[METADATA.stoppedBy] = encodeURIComponent(record.stoppedBy);
  return metadata;
}

/** A stored MP4 as the listing reports it: what its name says, refined by what its metadata knows. */
export function storedRecordingOf(
  parts: RecordingNameParts & { name: string },
  blob: { size: number; metadata: Record<string, string> },
): Recording {
  const { metadata } = blob;
  const startedAt = Number(metadata[METADATA.startedAt]);
  const duration = Number(metadata[METADATA.duration]);
  const startedBy = decoded(metadata[METADATA.startedBy]);
  const stoppedBy = decoded(metadata[METADATA.stoppedBy]);
  return {
    name: parts.name,
    roomName: parts.roomName,
    roomId: parts.roomId,
    startedAt: Number.isSafeInteger(startedAt) && startedAt > 0 ? startedAt : parts.startedAt,
    size: blob.size,
    ...(Number.isFinite(duration) && duration > 0 ? { duration } : {}),
    status: metadata[METADATA.status] === 'failed' ? 'failed' : 'complete',
    ...(startedBy === undefined ? {} : { startedBy }),
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
  };
}

function decoded(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
