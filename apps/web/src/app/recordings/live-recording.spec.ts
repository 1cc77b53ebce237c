import { LiveRecordingInput, liveRecordingOf } from './live-recording';

const input = (overrides: Partial<LiveRecordingInput>): LiveRecordingInput => ({ phase: 'idle', saving: false, ...overrides });

describe('liveRecordingOf', () => {
  it.each<[string, Partial<LiveRecordingInput>, ReturnType<typeof liveRecordingOf>]>([
    ['nothing going on', {}, undefined],
    ['starting', { phase: 'starting', startedBy: 'Alice' }, { kind: 'starting', text: 'Starting…', startedBy: 'Alice' }],
    ['recording for 2 min 31 s', { phase: 'recording', elapsedSeconds: 151.4 }, { kind: 'recording', text: 'Recording · 02:31' }],
    ['recording, start unknown', { phase: 'recording' }, { kind: 'recording', text: 'Recording' }],
    ['saving', { phase: 'stopping', saving: true, startedBy: 'operator' }, { kind: 'saving', text: 'Saving…', startedBy: 'operator' }],
    ['stopping, before egress says saving', { phase: 'stopping' }, { kind: 'stopping', text: 'Stopping…' }],
    ['the last one failed', { failure: 'Azure upload failed: 403' }, { kind: 'failed', text: 'Failed: Azure upload failed: 403' }],
    ['a failure is forgotten once a new one starts', { phase: 'starting', failure: 'x' }, { kind: 'starting', text: 'Starting…' }],
  ])('%s', (_label, overrides, expected) => {
    expect(liveRecordingOf(input(overrides))).toEqual(expected);
  });
});
