import { parseRecordingName, posterPathOf, Recording, RecordingNameParts } from '@recording/contracts';

import { RecordingCompletion } from '../control/recording-control';

/**
 * Blob metadata the API keeps with a finished recording's details document (recordings stored before it had one
 * carry it on the MP4 itself), so the listing knows what only the recorder and the API knew, on every replica and after
 * the room is gone. Azure metadata names are case-insensitive and values ASCII, so participant names travel
 * percent-encoded.
 */
export const RECORDING_METADATA = {
  egressId: 'egressid',
  startedAt: 'startedatms',
  endedAt: 'endedatms',
  duration: 'durationseconds',
  size: 'sizebytes',
  startedBy: 'startedby',
  stoppedBy: 'stoppedby',
  status: 'status',
} as const;

/** What the details of an ended recording carry for listings. */
export function completionMetadataOf(record: RecordingCompletion): Record<string, string> {
  const metadata: Record<string, string> = {
    [RECORDING_METADATA.egressId]: record.egressId,
    [RECORDING_METADATA.startedAt]: String(record.startedAt),
    [RECORDING_METADATA.status]: record.outcome,
  };
  if (record.endedAt !== undefined) metadata[RECORDING_METADATA.endedAt] = String(record.endedAt);
  if (record.durationMs) metadata[RECORDING_METADATA.duration] = (record.durationMs / 1000).toFixed(3);
  if (record.sizeBytes !== undefined) metadata[RECORDING_METADATA.size] = String(record.sizeBytes);
  if (record.startedBy !== undefined) metadata[RECORDING_METADATA.startedBy] = encodeURIComponent(record.startedBy);
  if (record.stoppedBy !== undefined) metadata[RECORDING_METADATA.stoppedBy] = encodeURIComponent(record.stoppedBy);
  return metadata;
}

/** What storage knows of a recording's file: from its blob, or from its entry in the recordings index. */
export interface StoredFile {
  size: number;
  createdOn: Date;
  metadata: Record<string, string>;
}

/** A stored MP4 with what its details document knows (the MP4's own metadata never changes once uploaded). */
export function withDetails<T extends StoredFile>(file: T, details: Record<string, string> | undefined): T {
  return { ...file, metadata: { ...file.metadata, ...details } };
}

/** Larger start times cannot be ordered by the recordings index (15 digits reach the year 33658). */
export const LATEST_START = 10 ** 15 - 1;

/** The recording a stored file is, as listings show it (poster included); undefined when the name is not a recording's. */
export function recordingOfStoredFile(name: string, file: StoredFile): Recording | undefined {
  const parts = parseRecordingName(name);
  return parts && { ...storedRecordingOf({ ...parts, name }, file), posterUrl: posterPathOf(name) };
}

/**
 * A stored MP4 as the listing reports it: what its name says, refined by what its metadata knows. Its start is the
 * exact one the API recorded, else the `{time}` of its name, else, for a name whose time is not a real clock time,
 * when the file was created: every listed recording has a start to be ordered by.
 */
export function storedRecordingOf(
  parts: RecordingNameParts & { name: string },
  blob: { size: number; metadata: Record<string, string>; createdOn?: Date },
): Recording {
  const { metadata } = blob;
  const startedAt = [Number(metadata[RECORDING_METADATA.startedAt]), parts.startedAt, blob.createdOn?.getTime()].find(
    (time): time is number => time !== undefined && Number.isSafeInteger(time) && time > 0 && time <= LATEST_START,
  );
  const duration = Number(metadata[RECORDING_METADATA.duration]);
  const startedBy = decoded(metadata[RECORDING_METADATA.startedBy]);
  const stoppedBy = decoded(metadata[RECORDING_METADATA.stoppedBy]);
  return {
    name: parts.name,
    roomName: parts.roomName,
    roomId: parts.roomId,
    startedAt: startedAt ?? 0,
    size: blob.size,
    ...(Number.isFinite(duration) && duration > 0 ? { duration } : {}),
    status: metadata[RECORDING_METADATA.status] === 'failed' ? 'failed' : 'complete',
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
