import { ACTIVE_RECORDING_STATUSES, RoomRecording } from '@recording/contracts';

/**
 * The recording state of the room as the controls show it, derived from sources of different reliability: the
 * room's metadata, where the API keeps the current recording (there at once on join, and announced on every
 * change), the `recording-status` data messages (the same news, for whoever is in the room), the API's answers to
 * start/stop, and LiveKit's binary `isRecording` (always there, but it turns false ~20 s after a stop). Timeouts
 * fall back to the binary state so nothing stays stuck when the API's news stops.
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
  /** The API said the file is being finalised: keep "Saving recording…" until it says how it ended. */
  saving: boolean;
  /**
   * The API said the current recording is starting: its word decides (and it never leaves a start hanging). LiveKit's
   * flag turns true as soon as egress's recorder joins, a moment before the file is being written, and a stop in
   * that moment would abort the recording.
   */
  awaitingActive: boolean;
  /** Recordings the API already reported finished; later news about them is stale. */
  finished: readonly string[];
  /** When the current recording began (epoch ms), for the elapsed time; unknown when only LiveKit's flag said. */
  startedAt?: number;
  /** Who started the current recording, when the API said. */
  startedBy?: string;
  /** Why the room's last recording failed, until the next one starts (the room's list shows it). */
  failure?: string;
  notice?: RecordingNotice;
}

export type RecordingEvent =
  | { type: 'joined'; isRecording: boolean; recording?: RoomRecording }
  | { type: 'start-requested' }
  | { type: 'start-accepted'; name: string }
  | { type: 'start-failed'; message: string; isRecording: boolean }
  | { type: 'stop-requested' }
  | { type: 'stop-accepted'; name: string }
  | { type: 'stop-failed'; message: string; isRecording: boolean }
  | { type: 'recording-status-changed'; isRecording: boolean }
  /** The API's news: from the room metadata or a data message (the same shape). */
  | { type: 'news'; recording: RoomRecording }
  | { type: 'timeout'; isRecording: boolean }
  /** A layout switch of the running recording was asked for, or refused. */
  | { type: 'layout-requested' }
  | { type: 'layout-failed'; message: string };

export const INITIAL_RECORDING_STATE: RecordingState = { phase: 'idle', saving: false, awaitingActive: false, finished: [] };

/** How long a Starting…/Stopping… state the API has not confirmed waits before trusting `isRecording`. */
export const RECORDING_CONFIRMATION_TIMEOUT_MS = 30_000;
/**
 * How long a start the API said is starting waits for its next word: the API itself reports a start that does not
 * become active in time (RECORDING_START_TIMEOUT, 60 s by default) as failed; this only guards against an API gone.
 */
export const SERVER_START_TIMEOUT_MS = 180_000;

/** LiveKit's reason when a stop reached a recording that had not started yet (nothing was written). */
const STOPPED_BEFORE_START = /Stop called before pipeline could start/i;

export function isTransient(phase: RecordingPhase): boolean {
  return phase === 'starting' || phase === 'stopping';
}

/** How long the current state may last without news before the timeout falls back to LiveKit's flag. */
export function confirmationTimeoutOf(state: RecordingState): number {
  return state.awaitingActive ? SERVER_START_TIMEOUT_MS : RECORDING_CONFIRMATION_TIMEOUT_MS;
}

const binary = (isRecording: boolean): RecordingPhase => (isRecording ? 'recording' : 'idle');

/** Order of the phases of one recording; news never moves a recording backwards. */
const PROGRESS: Record<RecordingPhase, number> = { idle: -1, starting: 0, recording: 1, stopping: 2 };

export function nextRecordingState(state: RecordingState, event: RecordingEvent): RecordingState {
  switch (event.type) {
    case 'joined':
      return onJoined(event.isRecording, event.recording);
    case 'start-requested':
      return state.phase === 'idle' ? { ...state, phase: 'starting', current: undefined, notice: undefined, failure: undefined } : state;
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
    case 'news':
      return onNews(state, event.recording);
    case 'timeout':
      return onTimeout(state, event.isRecording);
    case 'layout-requested':
      return { ...state, notice: undefined };
    case 'layout-failed':
      return { ...state, notice: { kind: 'error', text: event.message } };
  }
}

/** At join the metadata says what is going on; a recording it says ended is only the last one's outcome. */
function onJoined(isRecording: boolean, recording: RoomRecording | undefined): RecordingState {
  const base: RecordingState = { ...INITIAL_RECORDING_STATE, phase: binary(isRecording) };
  if (!recording) return base;
  if (ACTIVE_RECORDING_STATUSES.includes(recording.status)) return onNews(base, recording);
  // LiveKit's flag still on after an end is its lag, or another application recording: say recording, to be safe.
  const outcome = terminalNotice(recording);
  const failed = outcome.kind === 'error';
  return { ...base, finished: [recording.name], notice: failed ? outcome : undefined, failure: failed ? failureOf(recording) : undefined };
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
      // With the API's news flowing, the file is still being written after the recorder left.
      return state.saving ? state : { ...state, phase: 'idle', current: undefined };
    case 'recording':
      return { ...state, phase: 'idle', current: undefined, saving: false, startedAt: undefined, startedBy: undefined };
    case 'idle':
      return state;
  }
}

function onNews(state: RecordingState, recording: RoomRecording): RecordingState {
  const { name, status } = recording;
  if (state.finished.includes(name)) return state;
  if (!ACTIVE_RECORDING_STATUSES.includes(status)) {
    const finished = [...state.finished, name].slice(-20);
    // A late end of an older recording must not end the one being started now.
    if (state.current !== undefined && state.current !== name) return { ...state, finished };
    const notice = terminalNotice(recording);
    return {
      ...state,
      phase: 'idle',
      current: undefined,
      saving: false,
      awaitingActive: false,
      startedAt: undefined,
      startedBy: undefined,
      finished,
      notice,
      failure: notice.kind === 'error' ? failureOf(recording) : undefined,
    };
  }
  const phase: RecordingPhase = status === 'starting' ? 'starting' : status === 'active' ? 'recording' : 'stopping';
  const sameRecording = state.current === name;
  if (sameRecording && PROGRESS[phase] < PROGRESS[state.phase]) return state;
  return {
    ...state,
    phase,
    current: name,
    saving: status === 'ending',
    awaitingActive: status === 'starting',
    failure: undefined,
    startedAt: recording.startedAt ?? (sameRecording ? state.startedAt : undefined),
    startedBy: recording.startedBy ?? (sameRecording ? state.startedBy : undefined),
  };
}

function terminalNotice({ status, error }: RoomRecording): RecordingNotice {
  switch (status) {
    case 'complete':
      return { kind: 'info', text: 'Recording saved.' };
    case 'limit_reached':
      return { kind: 'info', text: 'The recording stopped because it reached its time or size limit. It was saved.' };
    case 'aborted':
      if (error && STOPPED_BEFORE_START.test(error)) {
        return { kind: 'info', text: 'The recording was stopped before it started: nothing was saved.' };
      }
      return { kind: 'error', text: error ? `Recording failed: ${error}` : 'Recording failed.' };
    default:
      return { kind: 'error', text: error ? `Recording failed: ${error}` : 'Recording failed.' };
  }
}

function onTimeout(state: RecordingState, isRecording: boolean): RecordingState {
  if (!isTransient(state.phase)) return state;
  const phase = binary(isRecording);
  const notice: RecordingNotice | undefined =
    state.phase === 'starting' && !isRecording ? { kind: 'error', text: 'The recording did not start in time. Try again.' } : state.notice;
  const failure = state.phase === 'starting' && !isRecording ? 'it did not start in time' : state.failure;
  return {
    ...state,
    phase,
    saving: false,
    awaitingActive: false,
    current: phase === 'idle' ? undefined : state.current,
    startedAt: phase === 'idle' ? undefined : state.startedAt,
    notice,
    failure,
  };
}

/** The reason a recording failed, in a user's words when LiveKit gave none. */
function failureOf({ error }: RoomRecording): string {
  return error || 'no reason was given';
}
