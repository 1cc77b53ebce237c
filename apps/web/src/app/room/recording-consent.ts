import { ACTIVE_RECORDING_STATUSES, parseRoomRecording } from '@recording/contracts';

/** What a person joining a room that is being recorded is told before anything of theirs is published. */
export interface RecordingConsent {
  /** Who started the recording (participant name, or `operator`), when the room's metadata says. */
  startedBy?: string;
}

/**
 * Is the room being recorded as the person joins? LiveKit's flag (set while egress's recorder is in the room), or
 * the recording the API keeps in the room's metadata (`{"recording": {"status", "startedBy"?, …}}`), which also
 * covers a recording that is still starting. Anything unreadable in the metadata is ignored.
 */
export function recordingConsentAtJoin(isRecording: boolean, metadata: string | undefined): RecordingConsent | undefined {
  const recording = parseRoomRecording(metadata);
  const active = recording !== undefined && ACTIVE_RECORDING_STATUSES.includes(recording.status);
  if (!isRecording && !active) return undefined;
  return recording?.startedBy ? { startedBy: recording.startedBy } : {};
}
