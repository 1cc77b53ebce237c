import { parseRecordingName } from '@recording/contracts';

import { RecordingCompletion } from '../control/recording-control';
import { completionMetadataOf, recordingOfStoredFile, storedRecordingOf } from './stored-recording';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';
const PARTS = { ...parseRecordingName(NAME)!, name: NAME };

const ended: RecordingCompletion = {
  egressId: 'EG_1',
  name: NAME,
  outcome: 'complete',
  startedAt: 1_795_000_001_000,
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
    const metadata = completionMetadataOf({ ...ended, outcome: 'failed' });
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

describe('recordingOfStoredFile', () => {
  const createdOn = new Date('2026-12-01T08:00:00Z');
  const file = (metadata: Record<string, string> = {}) => ({ size: 2048, createdOn, metadata });

  it('is the recording a name and a file tell, started at the time of its name', () => {
    expect(recordingOfStoredFile('RoomComposite-Test Room-2026-11-23T101500-RM_abc.mp4', file())).toEqual({
      name: 'RoomComposite-Test Room-2026-11-23T101500-RM_abc.mp4',
      roomName: 'Test Room',
      roomId: 'RM_abc',
      startedAt: Date.UTC(2026, 10, 23, 10, 15),
      size: 2048,
      status: 'complete',
      posterUrl: '/recordings/RoomComposite-Test%20Room-2026-11-23T101500-RM_abc.mp4/poster',
    });
  });

  it('prefers the exact start and the duration egress reported', () => {
    expect(
      recordingOfStoredFile(
        'RoomComposite-r-2026-11-23T101500-RM_a.mp4',
        file({ startedatms: '1795428900500', durationseconds: '62.123' }),
      ),
    ).toMatchObject({
      startedAt: 1795428900500,
      duration: 62.123,
    });
  });

  it.each(['2026-02-30T101500', '2026-11-23T256000'])('starts a name with the impossible time %s when its file was created', (time) => {
    expect(recordingOfStoredFile(`RoomComposite-r-${time}-RM_a.mp4`, file())?.startedAt).toBe(createdOn.getTime());
  });

  it.each(['garbage', '-5', '1.5', '0'])('ignores a reported start of %j', (startedatms) => {
    expect(recordingOfStoredFile('RoomComposite-r-2026-11-23T101500-RM_a.mp4', file({ startedatms }))?.startedAt).toBe(
      Date.UTC(2026, 10, 23, 10, 15),
    );
  });

  it.each(['notes.txt', 'RoomComposite-bad room -2026-11-23T101500-RM_a.mp4', 'archive/RoomComposite-r-2026-11-23T101500-RM_a.mp4'])(
    'is nothing for %j',
    (name) => expect(recordingOfStoredFile(name, file())).toBeUndefined(),
  );
});
