import { parseRecordingName, recordingFilepathTemplate, recordingNameFor, StartedRecording } from '@recording/contracts';

import { EgressPhase, EgressSnapshot } from '../../livekit/egress-snapshot';

/** Order of progress, to tell a late or repeated webhook from news: starting < active < ending < any end. */
const PROGRESS: Record<EgressPhase, number> = {
  starting: 0,
  active: 1,
  ending: 2,
  complete: 3,
  failed: 3,
  aborted: 3,
  limit_reached: 3,
};

export function egressProgressOf(status: EgressPhase): number {
  return PROGRESS[status];
}

/** The recording a blob key holds, when the key is one of our recordings directly under the path. */
export function recordingNameOfKey(recordingsPath: string, key: string): string | undefined {
  if (!key.startsWith(recordingsPath)) return undefined;
  const name = key.slice(recordingsPath.length);
  return parseRecordingName(name) ? name : undefined;
}

export interface OwnedEgress {
  info: EgressSnapshot;
  /** Undefined while egress has not resolved the file name yet. */
  name?: string;
}

/**
 * Is this egress one of our recordings (an MP4 file under our path, from our template)? Other
 * applications may record the same room; those are none of our business.
 */
export function ownedEgress(info: EgressSnapshot, recordingsPath: string): OwnedEgress | undefined {
  if (info.file) {
    const name = recordingNameOfKey(recordingsPath, info.file.filename);
    return name ? { info, name } : undefined;
  }
  // No file name yet: judge by the request echo; a server that echoes nothing gets the benefit of the doubt.
  if (info.request === undefined) return { info };
  if (info.request.kind !== 'room-composite') return undefined;
  return info.request.filepath === recordingFilepathTemplate(recordingsPath) ? { info } : undefined;
}

/** The recording an egress is writing, as the API reports it. */
export function recordingOfEgress(owned: OwnedEgress, fallback: { roomName: string; roomId?: string }): StartedRecording {
  const { info } = owned;
  const roomName = info.roomName || fallback.roomName;
  const roomId = info.roomId || fallback.roomId || '';
  const startedAt = info.startedAt ?? Date.now();
  return {
    name: owned.name ?? recordingNameFor(roomName, startedAt, roomId),
    roomName,
    roomId,
    startedAt,
    // The egress phases are the wire's recording statuses word for word (checked by the compiler here).
    status: info.status,
  };
}
