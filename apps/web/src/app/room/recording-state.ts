import { ACTIVE_RECORDING_STATUSES, RecordingStatus } from '@recording/contracts';

/**
 * The recording state of the room as the controls show it, derived from three sources of different
 * reliability: the API's answers to start/stop, the `recording-status` data messages the API sends when
 * LiveKit webhooks reach it (rich but optional), and LiveKit's binary `isRecording` (always there, but
 * it turns false ~20 s after a stop). A timeout falls back to the binary state so nothing stays stuck.
 */
export type RecordingPhase = 'idle' | 'starting' | 'recording' | 'stopping';

export interface RecordingNotice {
  kind: 'error' | 'info';
  text: string;
}

export interface RecordingState {
  phase: RecordingPhase;
  /** The recording being started, recorded or stopped, when known. */
  current?: string;
  /** A data message said the file is being finalised: keep "Saving recording…" until it says complete. */
  saving: boolean;
  /**
   * A data message said the current recording is starting: the API's messages flow, so its "active" decides.
   * LiveKit's flag turns true as soon as egress's recorder joins, a moment before the file is being written, and
   * a stop in that moment would abort the recording.
   */
  awaitingActive: boolean;
  /** Recordings a data message already reported finished; later messages about them are stale. */
  finished: readonly string[];
  notice?: RecordingNotice;
}

export type RecordingEvent =
  | { type: 'joined'; isRecording: boolean }
  | { type: 'start-requested' }
  | { type: 'start-accepted'; name: string }
  | { type: 'start-failed'; message: string; isRecording: boolean }
  | { type: 'stop-requested' }
  | { type: 'stop-accepted'; name: string }
  | { type: 'stop-failed'; message: string; isRecording: boolean }
  | { type: 'recording-status-changed'; isRecording: boolean }
  | { type: 'signal'; name: string; status: RecordingStatus; error?: string }
  | { type: 'timeout'; isRecording: boolean };

export const INITIAL_RECORDING_STATE: RecordingState = { phase: 'idle', saving: false, awaitingActive: false, finished: [] };

/** How long a Starting…/Stopping… state waits for a confirmation before trusting `isRecording`. */
export const RECORDING_CONFIRMATION_TIMEOUT_MS = 30_000;

export function isTransient(phase: RecordingPhase): boolean {
  return phase === 'starting' || phase === 'stopping';
}

const binary = (isRecording: boolean): RecordingPhase => (isRecording ? 'recording' : 'idle');

/** Order of the phases of one recording; a data message never moves a recording backwards. */
const PROGRESS: Record<RecordingPhase, number> = { idle: -1, starting: 0, recording: 1, stopping: 2 };

export function nextRecordingState(state: RecordingState, event: RecordingEvent): RecordingState {
  switch (event.type) {
    case 'joined':
      return { ...INITIAL_RECORDING_STATE, phase: binary(event.isRecording) };
    case 'start-requested':
      return state.phase === 'idle' ? { ...state, phase: 'starting', current: undefined, notice: undefined } : state;
    case 'stop-requested':
      return state.phase === 'recording' ? { ...state, phase: 'stopping', notice: undefined } : state;
    case 'start-accepted':
    case 'stop-accepted':
      return state.finished.includes(event.name) ? state : { ...state, current: event.name };
    case 'start-failed':
    case 'stop-failed':
      return {
        ...state,
        phase: binary(event.isRecording),
        saving: false,
        notice: { kind: 'error', text: event.message },
      };
    case 'recording-status-changed':
      return onRecordingStatusChanged(state, event.isRecording);
    case 'signal':
      return onSignal(state, event);
    case 'timeout':
      return onTimeout(state, event.isRecording);
  }
}

function onRecordingStatusChanged(state: RecordingState, isRecording: boolean): RecordingState {
  if (isRecording) {
    // While stopping, a true is LiveKit lagging behind; while the API's "active" is awaited, the recorder joining
    // only means egress is getting ready; anywhere else it confirms a recording.
    if (state.phase === 'starting' && state.awaitingActive) return state;
    return state.phase === 'idle' || state.phase === 'starting' ? { ...state, phase: 'recording' } : state;
  }
  switch (state.phase) {
    case 'starting':
      // The egress has not joined yet (or an earlier recorder just left): wait for it, the timeout guards.
      return state;
    case 'stopping':
      // With data messages flowing, the file is still being written after the recorder left.
      return state.saving ? state : { ...state, phase: 'idle', current: undefined };
    case 'recording':
      return { ...state, phase: 'idle', current: undefined, saving: false };
    case 'idle':
      return state;
  }
}

function onSignal(
  state: RecordingState,
  { name, status, error }: { name: string; status: RecordingStatus; error?: string },
): RecordingState {
  if (state.finished.includes(name)) return state;
  const terminal = !ACTIVE_RECORDING_STATUSES.includes(status);
  if (terminal) {
    const finished = [...state.finished, name].slice(-20);
    // A late end of an older recording must not end the one being started now.
    if (state.current !== undefined && state.current !== name) return { ...state, finished };
    return {
      ...state,
      phase: 'idle',
      current: undefined,
      saving: false,
      awaitingActive: false,
      finished,
      notice: terminalNotice(status, error),
    };
  }
  const phase: RecordingPhase = status === 'starting' ? 'starting' : status === 'active' ? 'recording' : 'stopping';
  const sameRecording = state.current === name;
  if (sameRecording && PROGRESS[phase] < PROGRESS[state.phase]) return state;
  return { ...state, phase, current: name, saving: status === 'ending', awaitingActive: status === 'starting' };
}

function terminalNotice(status: RecordingStatus, error?: string): RecordingNotice {
  switch (status) {
    case 'complete':
      return { kind: 'info', text: 'Recording saved.' };
    case 'limit_reached':
      return { kind: 'info', text: 'The recording stopped because it reached its time or size limit. It was saved.' };
    default:
      return { kind: 'error', text: error ? `Recording failed: ${error}` : 'Recording failed.' };
  }
}

function onTimeout(state: RecordingState, isRecording: boolean): RecordingState {
  if (!isTransient(state.phase)) return state;
  const phase = binary(isRecording);
  const notice: RecordingNotice | undefined =
    state.phase === 'starting' && !isRecording
      ? { kind: 'error', text: 'The recording did not start within 30 seconds. Try again.' }
      : state.notice;
  return { ...state, phase, saving: false, awaitingActive: false, current: phase === 'idle' ? undefined : state.current, notice };
}
