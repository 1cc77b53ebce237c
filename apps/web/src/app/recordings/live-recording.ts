import { formatClock } from '../core/format';

/** The room's current recording as its list shows it at the top, before (or instead of) a file. */
export interface LiveRecording {
  kind: 'starting' | 'recording' | 'saving' | 'stopping' | 'failed';
  /** What the entry says, e.g. `Recording · 02:31`, `Saving…`, `Failed: nobody publishes`. */
  text: string;
  startedBy?: string;
}

export interface LiveRecordingInput {
  phase: 'idle' | 'starting' | 'recording' | 'stopping';
  saving: boolean;
  elapsedSeconds?: number;
  startedBy?: string;
  failure?: string;
}

/** Nothing while the room records nothing and its last recording did not fail. */
export function liveRecordingOf({ phase, saving, elapsedSeconds, startedBy, failure }: LiveRecordingInput): LiveRecording | undefined {
  const by = startedBy ? { startedBy } : {};
  switch (phase) {
    case 'starting':
      return { kind: 'starting', text: 'Starting…', ...by };
    case 'recording':
      return { kind: 'recording', text: elapsedSeconds === undefined ? 'Recording' : `Recording · ${formatClock(elapsedSeconds)}`, ...by };
    case 'stopping':
      return saving ? { kind: 'saving', text: 'Saving…', ...by } : { kind: 'stopping', text: 'Stopping…', ...by };
    case 'idle':
      return failure ? { kind: 'failed', text: `Failed: ${failure}` } : undefined;
  }
}
