import { parseRecordingName } from '@recording/contracts';

import { completionMetadataOf, storedRecordingOf } from './recording-metadata';
import { RecordingRecord } from './recording-record';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';
const PARTS = { ...parseRecordingName(NAME)!, name: NAME };

const ended: RecordingRecord = {
  egressId: 'EG_1',
  roomName: 'Test Room',
  roomId: 'RM_abc123',
  name: NAME,
  status: 'complete',
  updatedAt: 1_795_000_062_500,
  startedAt: 1_795_000_000_000,
  recordingStartedAt: 1_795_000_001_000,
  endedAt: 1_795_000_061_000,
  durationMs: 60_250,
  sizeBytes: 4096,
  startedBy: 'Zoë O’Brien 名前',
  stoppedBy: 'operator',
};

describe('completion metadata', () => {
  it('is ASCII only, participant names percent-encoded', () => {
    const metadata = completionMetadataOf(ended);
    expect(metadata).toEqual({
      egressid: 'EG_1',
      startedatms: '1795000001000',
      endedatms: '1795000061000',
      durationseconds: '60.250',
      sizebytes: '4096',
      startedby: encodeURIComponent('Zoë O’Brien 名前'),
      stoppedby: 'operator',
      status: 'complete',
    });
    expect(Object.values(metadata).join('')).toMatch(/^[\x20-\x7e]*$/);
  });

  it('reads back into the listing', () => {
    expect(storedRecordingOf(PARTS, { size: 4096, metadata: completionMetadataOf(ended) })).toEqual({
      name: NAME,
      roomName: 'Test Room',
      roomId: 'RM_abc123',
      startedAt: 1_795_000_001_000,
      size: 4096,
      duration: 60.25,
      status: 'complete',
      startedBy: 'Zoë O’Brien 名前',
      stoppedBy: 'operator',
    });
  });

  it('marks a file whose egress failed after writing it as failed', () => {
    const metadata = completionMetadataOf({ ...ended, status: 'failed', error: 'Azure upload failed: timeout' });
    expect(storedRecordingOf(PARTS, { size: 10, metadata }).status).toBe('failed');
  });

  it('lists a file nobody described from its name alone', () => {
    expect(storedRecordingOf(PARTS, { size: 10, metadata: {} })).toEqual({
      name: NAME,
      roomName: 'Test Room',
      roomId: 'RM_abc123',
      startedAt: PARTS.startedAt,
      size: 10,
      status: 'complete',
    });
  });

  it('ignores metadata that is not percent-encoding', () => {
    expect(storedRecordingOf(PARTS, { size: 10, metadata: { startedby: '%E0%A4%A' } }).startedBy).toBeUndefined();
  });
});
