import { sharedPosterPathOf, sharedRecordingPathOf } from './access';
import { neutralRecordingFileName } from './names';

describe('share link paths', () => {
  it('address the recording and its poster by the token alone', () => {
    expect(sharedRecordingPathOf('AbC_-9')).toBe('/shared/AbC_-9');
    expect(sharedPosterPathOf('AbC_-9')).toBe('/shared/AbC_-9/poster');
  });
});

describe('neutralRecordingFileName', () => {
  it.each([
    ['RoomComposite-会议室 Ä-2026-11-23T101500-RM_a.mp4', 'recording-2026-11-23-1015.mp4'],
    ['RoomComposite-Board-2026-02-30T256000-RM_b.mp4', 'recording-2026-02-30-2560.mp4'],
    ['not a recording', 'recording.mp4'],
  ])('names %s %s, without its room', (name, expected) => {
    expect(neutralRecordingFileName(name)).toBe(expected);
  });
});
