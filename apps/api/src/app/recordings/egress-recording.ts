import {
  parseRecordingName,
  RECORDING_EXTENSION,
  RECORDING_NAME_PREFIX,
  recordingFilepathTemplate,
  RecordingNameParts,
  RecordingStatus,
  StartedRecording,
} from '@recording/contracts';

import { EgressInfo, EgressStatus } from 'livekit-server-sdk';

/** How LiveKit's egress statuses read in the API. */
const STATUS_BY_EGRESS_STATUS: Record<EgressStatus, RecordingStatus> = {
  [EgressStatus.EGRESS_STARTING]: 'starting',
  [EgressStatus.EGRESS_ACTIVE]: 'active',
  [EgressStatus.EGRESS_ENDING]: 'ending',
  [EgressStatus.EGRESS_COMPLETE]: 'complete',
  [EgressStatus.EGRESS_FAILED]: 'failed',
  [EgressStatus.EGRESS_ABORTED]: 'aborted',
  [EgressStatus.EGRESS_LIMIT_REACHED]: 'limit_reached',
};

export function recordingStatusOf(status: EgressStatus): RecordingStatus {
  return STATUS_BY_EGRESS_STATUS[status] ?? 'failed';
}

/** Order of progress, to tell a late or repeated webhook from news: STARTING < ACTIVE < ENDING < any end. */
export function egressProgressOf(status: EgressStatus): number {
  return Math.min(status, EgressStatus.EGRESS_COMPLETE);
}

export function blobKeyOf(recordingsPath: string, name: string): string {
  return `${recordingsPath}${name}`;
}

/** The recording a blob key holds, when the key is one of our recordings directly under the path. */
export function parseRecordingKey(recordingsPath: string, key: string): (RecordingNameParts & { name: string }) | undefined {
  if (!key.startsWith(recordingsPath)) return undefined;
  const name = key.slice(recordingsPath.length);
  const parts = parseRecordingName(name);
  return parts && { ...parts, name };
}

export function recordingNameOfKey(recordingsPath: string, key: string): string | undefined {
  return parseRecordingKey(recordingsPath, key)?.name;
}

export interface OwnedEgress {
  info: EgressInfo;
  /** Undefined while egress has not resolved the file name yet. */
  name?: string;
}

/**
 * Is this egress one of our recordings (an MP4 file under our path, from our template)? Other
 * applications may record the same room; those are none of our business.
 */
export function ownedEgress(info: EgressInfo, recordingsPath: string): OwnedEgress | undefined {
  const filename = info.fileResults[0]?.filename || (info.result.case === 'file' ? info.result.value.filename : '');
  if (filename) {
    const name = recordingNameOfKey(recordingsPath, filename);
    return name ? { info, name } : undefined;
  }
  // No file name yet: judge by the request echo; a server that echoes nothing gets the benefit of the doubt.
  if (info.request.case === undefined) return { info };
  if (info.request.case !== 'roomComposite') return undefined;
  const request = info.request.value;
  const filepath = request.fileOutputs[0]?.filepath ?? (request.output.case === 'file' ? request.output.value.filepath : undefined);
  return filepath === recordingFilepathTemplate(recordingsPath) ? { info } : undefined;
}

/** Epoch ms of a LiveKit nanosecond timestamp; undefined when unset. */
export function epochMsOf(nanoseconds: bigint | undefined): number | undefined {
  return nanoseconds && nanoseconds > 0n ? Number(nanoseconds / 1_000_000n) : undefined;
}

/** The recording an egress is writing, as the API reports it. */
export function recordingOfEgress(owned: OwnedEgress, fallback: { roomName: string; roomId?: string }): StartedRecording {
  const { info } = owned;
  const roomName = info.roomName || fallback.roomName;
  const roomId = info.roomId || fallback.roomId || '';
  const startedAt = epochMsOf(info.startedAt) ?? Date.now();
  return {
    name: owned.name ?? expectedRecordingName(roomName, startedAt, roomId),
    roomName,
    roomId,
    startedAt,
    status: recordingStatusOf(info.status),
  };
}

/** What egress will call the file when it has not said yet ({time} is the egress clock, UTC). */
export function expectedRecordingName(roomName: string, startedAt: number, roomId: string): string {
  const time = new Date(startedAt).toISOString().slice(0, 19).replace(/:/g, '');
  return `${RECORDING_NAME_PREFIX}${roomName}-${time}-${roomId}${RECORDING_EXTENSION}`;
}
