/** What a person joining a room that is being recorded is told before anything of theirs is published. */
export interface RecordingConsent {
  /** Who started the recording (participant name, or `operator`), when the room's metadata says. */
  startedBy?: string;
}

const RECORDING_NOW = new Set(['starting', 'active', 'ending']);

/**
 * Is the room being recorded as the person joins? LiveKit's flag (set while egress's recorder is in the room), or
 * the recording the API keeps in the room's metadata (`{"recording": {"status", "startedBy"?, …}}`), which also
 * covers a recording that is still starting. Anything unreadable in the metadata is ignored.
 */
export function recordingConsentAtJoin(isRecording: boolean, metadata: string | undefined): RecordingConsent | undefined {
  const recording = recordingOfMetadata(metadata);
  const active = recording !== undefined && RECORDING_NOW.has(String(recording['status']));
  if (!isRecording && !active) return undefined;
  const startedBy = recording?.['startedBy'];
  return typeof startedBy === 'string' && startedBy.trim() !== '' ? { startedBy } : {};
}

function recordingOfMetadata(metadata: string | undefined): Record<string, unknown> | undefined {
  if (!metadata) return undefined;
  try {
    const value: unknown = JSON.parse(metadata);
    const recording = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['recording'] : undefined;
    return typeof recording === 'object' && recording !== null && !Array.isArray(recording)
      ? (recording as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
