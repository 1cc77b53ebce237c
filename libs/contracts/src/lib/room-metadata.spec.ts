import { parseRoomRecording, RoomRecording, withRoomRecording } from './room-metadata';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';
const active: RoomRecording = { status: 'active', name: NAME, startedAt: 1_795_000_001_000, startedBy: 'Ada' };

describe('parseRoomRecording', () => {
  it('reads the recording beside other keys', () => {
    expect(parseRoomRecording(JSON.stringify({ theme: 'blue', recording: active }))).toEqual(active);
  });

  it('keeps the error of a failed recording and drops what is not of the contract', () => {
    const failed = { status: 'failed', name: NAME, error: 'Nobody publishes', startedAt: 'soon', startedBy: 7, extra: true };
    expect(parseRoomRecording(JSON.stringify({ recording: failed }))).toEqual({ status: 'failed', name: NAME, error: 'Nobody publishes' });
  });

  it.each([
    ['no metadata', undefined],
    ['empty metadata', ''],
    ['text that is not JSON', 'hello'],
    ['JSON without a recording', '{"theme":"blue"}'],
    ['a recording that is not an object', '{"recording":"active"}'],
    ['an unknown status', JSON.stringify({ recording: { ...active, status: 'paused' } })],
    ['no name', JSON.stringify({ recording: { status: 'active' } })],
    ['an array', '[1]'],
  ])('is undefined for %s', (_label, metadata) => {
    expect(parseRoomRecording(metadata)).toBeUndefined();
  });
});

describe('withRoomRecording', () => {
  it('sets the recording and keeps every other key', () => {
    const merged = withRoomRecording(JSON.stringify({ theme: 'blue', recording: { status: 'starting', name: NAME } }), active);
    expect(JSON.parse(merged!)).toEqual({ theme: 'blue', recording: active });
  });

  it('writes fresh metadata when there is none', () => {
    expect(JSON.parse(withRoomRecording('', active)!)).toEqual({ recording: active });
  });

  it.each(['someone else’s text', '[1,2]', '"a string"'])('leaves metadata that is not a JSON object alone: %j', (metadata) => {
    expect(withRoomRecording(metadata, active)).toBeUndefined();
  });
});
