import { RoomRecording } from '@recording/contracts';

import {
  confirmationTimeoutOf,
  INITIAL_RECORDING_STATE,
  nextRecordingState,
  RECORDING_CONFIRMATION_TIMEOUT_MS,
  RecordingEvent,
  RecordingPhase,
  RecordingState,
} from './recording-state';

const A = 'RoomComposite-Test Room-2026-11-23T101500-RM_a1.mp4';
const B = 'RoomComposite-Test Room-2026-11-23T111500-RM_a1.mp4';

function state(phase: RecordingPhase, extra: Partial<RecordingState> = {}): RecordingState {
  return { ...INITIAL_RECORDING_STATE, phase, ...extra };
}

describe('nextRecordingState', () => {
  it.each<[string, RecordingState, RecordingEvent, RecordingPhase]>([
    ['join, not recording', state('idle'), { type: 'joined', isRecording: false }, 'idle'],
    ['join, recording', state('idle'), { type: 'joined', isRecording: true }, 'recording'],
    ['start clicked', state('idle'), { type: 'start-requested' }, 'starting'],
    ['start clicked while recording does nothing', state('recording'), { type: 'start-requested' }, 'recording'],
    ['start accepted keeps waiting', state('starting'), { type: 'start-accepted', name: A }, 'starting'],
    ['start failed, LiveKit says idle', state('starting'), { type: 'start-failed', message: 'x', isRecording: false }, 'idle'],
    ['start failed, LiveKit says recording', state('starting'), { type: 'start-failed', message: 'x', isRecording: true }, 'recording'],
    ['recorder joined while starting', state('starting'), { type: 'recording-status-changed', isRecording: true }, 'recording'],
    ['recorder joined, someone else started', state('idle'), { type: 'recording-status-changed', isRecording: true }, 'recording'],
    [
      'recorder joined while the API said "starting": its "active" decides',
      state('starting', { current: A, awaitingActive: true }),
      { type: 'recording-status-changed', isRecording: true },
      'starting',
    ],
    [
      'news active after the recorder joined',
      state('starting', { current: A, awaitingActive: true }),
      { type: 'news', recording: { name: A, status: 'active' } },
      'recording',
    ],
    [
      'timeout while awaiting "active", LiveKit recording',
      state('starting', { current: A, awaitingActive: true }),
      { type: 'timeout', isRecording: true },
      'recording',
    ],
    [
      'false while starting is an earlier recorder leaving',
      state('starting'),
      { type: 'recording-status-changed', isRecording: false },
      'starting',
    ],
    ['stop clicked', state('recording'), { type: 'stop-requested' }, 'stopping'],
    ['stop accepted keeps waiting', state('stopping'), { type: 'stop-accepted', name: A }, 'stopping'],
    ['true while stopping is LiveKit lagging', state('stopping'), { type: 'recording-status-changed', isRecording: true }, 'stopping'],
    ['recorder left after stop', state('stopping'), { type: 'recording-status-changed', isRecording: false }, 'idle'],
    [
      'recorder left while the file is saved',
      state('stopping', { saving: true, current: A }),
      { type: 'recording-status-changed', isRecording: false },
      'stopping',
    ],
    ['someone else stopped it', state('recording'), { type: 'recording-status-changed', isRecording: false }, 'idle'],
    ['news starting', state('idle'), { type: 'news', recording: { name: A, status: 'starting' } }, 'starting'],
    ['news active', state('starting', { current: A }), { type: 'news', recording: { name: A, status: 'active' } }, 'recording'],
    ['news ending', state('recording', { current: A }), { type: 'news', recording: { name: A, status: 'ending' } }, 'stopping'],
    ['news complete', state('stopping', { current: A }), { type: 'news', recording: { name: A, status: 'complete' } }, 'idle'],
    ['news failed', state('starting', { current: A }), { type: 'news', recording: { name: A, status: 'failed' } }, 'idle'],
    ['news limit reached', state('recording', { current: A }), { type: 'news', recording: { name: A, status: 'limit_reached' } }, 'idle'],
    [
      'late "starting" after "active"',
      state('recording', { current: A }),
      { type: 'news', recording: { name: A, status: 'starting' } },
      'recording',
    ],
    [
      'late "active" after "ending"',
      state('stopping', { current: A }),
      { type: 'news', recording: { name: A, status: 'active' } },
      'stopping',
    ],
    [
      'message about a finished recording',
      state('idle', { finished: [A] }),
      { type: 'news', recording: { name: A, status: 'active' } },
      'idle',
    ],
    [
      'end of another recording',
      state('starting', { current: B }),
      { type: 'news', recording: { name: A, status: 'complete' } },
      'starting',
    ],
    ['timeout while starting, nothing recorded', state('starting'), { type: 'timeout', isRecording: false }, 'idle'],
    ['timeout while starting, LiveKit recording', state('starting'), { type: 'timeout', isRecording: true }, 'recording'],
    ['timeout while stopping, LiveKit idle', state('stopping', { saving: true }), { type: 'timeout', isRecording: false }, 'idle'],
    ['timeout while stopping, LiveKit still recording', state('stopping'), { type: 'timeout', isRecording: true }, 'recording'],
    ['timeout when settled does nothing', state('recording'), { type: 'timeout', isRecording: false }, 'recording'],
  ])('%s', (_label, before, event, phase) => {
    expect(nextRecordingState(before, event).phase).toBe(phase);
  });

  it('keeps the API error as an error notice', () => {
    const next = nextRecordingState(state('starting'), {
      type: 'start-failed',
      message: 'Recording already started for this room',
      isRecording: true,
    });
    expect(next.notice).toEqual({ kind: 'error', text: 'Recording already started for this room' });
  });

  it('keeps why the last recording failed until the next one starts', () => {
    const failed = nextRecordingState(state('recording', { current: A }), {
      type: 'news',
      recording: { name: A, status: 'failed', error: 'Azure upload failed: 403' },
    });
    expect(failed.failure).toBe('Azure upload failed: 403');
    expect(nextRecordingState(failed, { type: 'start-requested' }).failure).toBeUndefined();
    expect(nextRecordingState(failed, { type: 'news', recording: { name: B, status: 'starting' } }).failure).toBeUndefined();
    const stoppedEarly = nextRecordingState(state('starting', { current: A }), {
      type: 'news',
      recording: { name: A, status: 'aborted', error: 'Stop called before pipeline could start' },
    });
    expect(stoppedEarly.failure).toBeUndefined();
    expect(nextRecordingState(state('starting'), { type: 'timeout', isRecording: false }).failure).toBe('it did not start in time');
  });

  it('shows a refused layout switch as an error and clears it on the next try, leaving the recording as it was', () => {
    const recording = state('recording', { current: A, startedAt: 5 });
    const refused = nextRecordingState(recording, { type: 'layout-failed', message: 'Recording not started for this room' });
    expect(refused).toEqual({ ...recording, notice: { kind: 'error', text: 'Recording not started for this room' } });
    expect(nextRecordingState(refused, { type: 'layout-requested' })).toEqual(recording);
  });

  it('clears the last notice when the user tries again', () => {
    const failed = state('idle', { notice: { kind: 'error', text: 'Recording failed.' } });
    expect(nextRecordingState(failed, { type: 'start-requested' }).notice).toBeUndefined();
  });

  it.each<[string, RecordingState['phase'], boolean, RoomRecording | undefined, Partial<RecordingState>]>([
    ['nothing in the metadata, nothing recording', 'idle', false, undefined, {}],
    ['nothing in the metadata, LiveKit recording', 'recording', true, undefined, {}],
    [
      'starting (LiveKit does not know yet)',
      'starting',
      false,
      { name: A, status: 'starting', startedBy: 'Ada' },
      { awaitingActive: true, startedBy: 'Ada' },
    ],
    ['starting, the recorder already in', 'starting', true, { name: A, status: 'starting' }, { awaitingActive: true }],
    ['active, with its start', 'recording', true, { name: A, status: 'active', startedAt: 1_000 }, { current: A, startedAt: 1_000 }],
    ['saving', 'stopping', false, { name: A, status: 'ending' }, { saving: true, current: A }],
    ['the last one saved', 'idle', false, { name: A, status: 'complete' }, { finished: [A], notice: undefined }],
    ['the last one saved, LiveKit lagging', 'recording', true, { name: A, status: 'complete' }, { finished: [A] }],
    [
      'the last one failed, with the reason',
      'idle',
      false,
      { name: A, status: 'failed', error: 'Nobody publishes' },
      { notice: { kind: 'error', text: 'Recording failed: Nobody publishes' } },
    ],
    [
      'the last one stopped before it started',
      'idle',
      false,
      { name: A, status: 'aborted', error: 'Stop called before pipeline could start' },
      { notice: undefined },
    ],
  ])('at join, from the room metadata: %s', (_label, phase, isRecording, recording, expected) => {
    const joined = nextRecordingState(state('recording', { current: B }), { type: 'joined', isRecording, recording });
    expect(joined).toMatchObject({ phase, ...expected });
  });

  it('keeps the start and who started it while the same recording moves on, and forgets them at its end', () => {
    const starting = nextRecordingState(state('idle'), {
      type: 'news',
      recording: { name: A, status: 'starting', startedAt: 1, startedBy: 'Ada' },
    });
    const active = nextRecordingState(starting, { type: 'news', recording: { name: A, status: 'active', startedAt: 5 } });
    expect(active).toMatchObject({ phase: 'recording', startedAt: 5, startedBy: 'Ada' });
    const ending = nextRecordingState(active, { type: 'news', recording: { name: A, status: 'ending' } });
    expect(ending).toMatchObject({ phase: 'stopping', saving: true, startedAt: 5 });
    const saved = nextRecordingState(ending, { type: 'news', recording: { name: A, status: 'complete' } });
    expect(saved.startedAt).toBeUndefined();
    expect(saved.startedBy).toBeUndefined();
  });

  it.each<[string, RoomRecording, RecordingState['notice']]>([
    ['saved', { name: A, status: 'complete' }, { kind: 'info', text: 'Recording saved.' }],
    [
      'failed, with the reason',
      { name: A, status: 'failed', error: 'Azure upload failed: timeout' },
      { kind: 'error', text: 'Recording failed: Azure upload failed: timeout' },
    ],
    [
      'stopped before it started: not a failure',
      { name: A, status: 'aborted', error: 'Stop called before pipeline could start' },
      { kind: 'info', text: 'The recording was stopped before it started: nothing was saved.' },
    ],
    [
      'aborted by egress itself',
      { name: A, status: 'aborted', error: 'Start signal not received' },
      { kind: 'error', text: 'Recording failed: Start signal not received' },
    ],
  ])('tells how it ended: %s', (_label, recording, notice) => {
    expect(nextRecordingState(state('recording', { current: A }), { type: 'news', recording }).notice).toEqual(notice);
  });

  it('waits for the API longer once it said the recording is starting (it reports a start that never comes)', () => {
    expect(confirmationTimeoutOf(state('starting'))).toBe(RECORDING_CONFIRMATION_TIMEOUT_MS);
    expect(confirmationTimeoutOf(state('starting', { awaitingActive: true }))).toBeGreaterThan(120_000);
  });

  it('remembers finished recordings so repeated deliveries are harmless', () => {
    const done = nextRecordingState(state('stopping', { current: A }), { type: 'news', recording: { name: A, status: 'complete' } });
    expect(done.finished).toContain(A);
    expect(nextRecordingState(done, { type: 'news', recording: { name: A, status: 'ending' } })).toBe(done);
  });
});
