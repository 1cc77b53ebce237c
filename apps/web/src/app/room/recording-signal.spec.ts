import { parseRecordingSignal } from './recording-signal';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const recording = { name: 'RoomComposite-a-2026-11-23T101500-RM_a.mp4', roomName: 'a', roomId: 'RM_a', status: 'active' };

describe('parseRecordingSignal', () => {
  it('reads a status message with its error', () => {
    expect(
      parseRecordingSignal(encode({ type: 'recording_status', recording: { ...recording, status: 'failed' }, error: 'boom' })),
    ).toEqual({
      type: 'recording_status',
      recording: { ...recording, status: 'failed' },
      error: 'boom',
    });
  });

  it("keeps the recording's layout and sound-only flag, and drops values that are not ours", () => {
    expect(
      parseRecordingSignal(encode({ type: 'recording_status', recording: { ...recording, layout: 'speaker', audioOnly: false } })),
    ).toEqual({
      type: 'recording_status',
      recording: { ...recording, layout: 'speaker', audioOnly: false },
    });
    expect(
      parseRecordingSignal(encode({ type: 'recording_status', recording: { ...recording, layout: 'carousel', audioOnly: 'yes' } })),
    ).toEqual({
      type: 'recording_status',
      recording,
    });
  });

  it('reads a deletion message', () => {
    expect(parseRecordingSignal(encode({ type: 'recording_deleted', name: 'x.mp4' }))).toEqual({
      type: 'recording_deleted',
      name: 'x.mp4',
    });
  });

  it.each([
    ['not JSON', 'recording started'],
    ['an array', [1, 2]],
    ['an unknown type', { type: 'recording_paused', recording }],
    ['an unknown status', { type: 'recording_status', recording: { ...recording, status: 'paused' } }],
    ['no recording', { type: 'recording_status' }],
    ['a name that is not a string', { type: 'recording_status', recording: { ...recording, name: 1 } }],
    ['a deletion without name', { type: 'recording_deleted' }],
  ])('ignores %s', (_label, value) => {
    expect(parseRecordingSignal(encode(value))).toBeUndefined();
  });
});
