import { recordingConsentAtJoin } from './recording-consent';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';
/** Room metadata as the API writes it: the recording (its name always there) beside other keys. */
const metadata = (recording: object) => JSON.stringify({ theme: 'blue', recording: { name: NAME, ...recording } });

describe('recordingConsentAtJoin', () => {
  it.each<[string, boolean, string | undefined, ReturnType<typeof recordingConsentAtJoin>]>([
    ['a room nobody records', false, undefined, undefined],
    ['LiveKit says recording, no metadata', true, undefined, {}],
    ['the API says active, with who started it', false, metadata({ status: 'active', startedBy: 'Alice' }), { startedBy: 'Alice' }],
    [
      'still starting (LiveKit does not know yet)',
      false,
      metadata({ status: 'starting', startedBy: 'operator' }),
      { startedBy: 'operator' },
    ],
    ['saving counts as recording', false, metadata({ status: 'ending' }), {}],
    ['a finished recording in the metadata', false, metadata({ status: 'complete', startedBy: 'Alice' }), undefined],
    ['a failed one', false, metadata({ status: 'failed', error: 'x' }), undefined],
    ['metadata that is not JSON', false, 'not json', undefined],
    ['metadata without a recording', false, JSON.stringify({ theme: 'blue' }), undefined],
    ['LiveKit says recording, metadata unreadable', true, '{', {}],
    ['a blank startedBy', true, metadata({ status: 'active', startedBy: ' ' }), {}],
  ])('%s', (_label, isRecording, roomMetadata, expected) => {
    expect(recordingConsentAtJoin(isRecording, roomMetadata)).toEqual(expected);
  });
});
