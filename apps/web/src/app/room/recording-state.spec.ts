import { INITIAL_RECORDING_STATE, nextRecordingState, RecordingEvent, RecordingPhase, RecordingState } from './recording-state';

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
      'signal active after the recorder joined',
      state('starting', { current: A, awaitingActive: true }),
      { type: 'signal', name: A, status: 'active' },
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
    ['signal starting', state('idle'), { type: 'signal', name: A, status: 'starting' }, 'starting'],
    ['signal active', state('starting', { current: A }), { type: 'signal', name: A, status: 'active' }, 'recording'],
    ['signal ending', state('recording', { current: A }), { type: 'signal', name: A, status: 'ending' }, 'stopping'],
    ['signal complete', state('stopping', { current: A }), { type: 'signal', name: A, status: 'complete' }, 'idle'],
    ['signal failed', state('starting', { current: A }), { type: 'signal', name: A, status: 'failed' }, 'idle'],
    ['signal limit reached', state('recording', { current: A }), { type: 'signal', name: A, status: 'limit_reached' }, 'idle'],
    ['late "starting" after "active"', state('recording', { current: A }), { type: 'signal', name: A, status: 'starting' }, 'recording'],
    ['late "active" after "ending"', state('stopping', { current: A }), { type: 'signal', name: A, status: 'active' }, 'stopping'],
    ['message about a finished recording', state('idle', { finished: [A] }), { type: 'signal', name: A, status: 'active' }, 'idle'],
    ['end of another recording', state('starting', { current: B }), { type: 'signal', name: A, status: 'complete' }, 'starting'],
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

  it('clears the last notice when the user tries again', () => {
    const failed = state('idle', { notice: { kind: 'error', text: 'Recording failed.' } });
    expect(nextRecordingState(failed, { type: 'start-requested' }).notice).toBeUndefined();
  });

  it('remembers finished recordings so repeated deliveries are harmless', () => {
    const done = nextRecordingState(state('stopping', { current: A }), { type: 'signal', name: A, status: 'complete' });
    expect(done.finished).toContain(A);
    expect(nextRecordingState(done, { type: 'signal', name: A, status: 'ending' })).toBe(done);
  });
});
