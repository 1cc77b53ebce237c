import { EgressInfo, EgressStatus, EncodedFileOutput, EncodedFileType, RoomCompositeEgressRequest } from 'livekit-server-sdk';

import {
  egressProgressOf,
  expectedRecordingName,
  ownedEgress,
  recordingNameOfKey,
  recordingOfEgress,
  recordingStatusOf,
} from './egress-recording';

const PATH = 'recordings/';
const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';

function egressWithFile(filename: string, status = EgressStatus.EGRESS_STARTING): EgressInfo {
  return new EgressInfo({
    egressId: 'EG_1',
    roomName: 'Test Room',
    roomId: 'RM_abc123',
    status,
    startedAt: 1_795_000_000_123_456_789n,
    fileResults: [{ filename }],
  });
}

describe('recordingStatusOf', () => {
  it.each([
    [EgressStatus.EGRESS_STARTING, 'starting'],
    [EgressStatus.EGRESS_ACTIVE, 'active'],
    [EgressStatus.EGRESS_ENDING, 'ending'],
    [EgressStatus.EGRESS_COMPLETE, 'complete'],
    [EgressStatus.EGRESS_FAILED, 'failed'],
    [EgressStatus.EGRESS_ABORTED, 'aborted'],
    [EgressStatus.EGRESS_LIMIT_REACHED, 'limit_reached'],
  ])('%s → %s', (status, expected) => expect(recordingStatusOf(status)).toBe(expected));
});

describe('egressProgressOf', () => {
  it('ranks every end state equal and after ENDING', () => {
    expect(egressProgressOf(EgressStatus.EGRESS_STARTING)).toBeLessThan(egressProgressOf(EgressStatus.EGRESS_ACTIVE));
    expect(egressProgressOf(EgressStatus.EGRESS_ACTIVE)).toBeLessThan(egressProgressOf(EgressStatus.EGRESS_ENDING));
    expect(egressProgressOf(EgressStatus.EGRESS_ENDING)).toBeLessThan(egressProgressOf(EgressStatus.EGRESS_FAILED));
    expect(egressProgressOf(EgressStatus.EGRESS_COMPLETE)).toBe(egressProgressOf(EgressStatus.EGRESS_LIMIT_REACHED));
  });
});

describe('recordingNameOfKey', () => {
  it.each([
    [`${PATH}${NAME}`, NAME],
    [NAME, undefined],
    [`${PATH}sub/${NAME}`, undefined],
    [`${PATH}EG_123.json`, undefined],
    [`other/${NAME}`, undefined],
  ])('%j → %j', (key, expected) => expect(recordingNameOfKey(PATH, key)).toBe(expected));

  it('accepts recordings at the container root when the path is empty', () => {
    expect(recordingNameOfKey('', NAME)).toBe(NAME);
  });
});

describe('ownedEgress', () => {
  it('knows our recording by its resolved file name', () => {
    expect(ownedEgress(egressWithFile(`${PATH}${NAME}`), PATH)?.name).toBe(NAME);
  });

  it('ignores a file written elsewhere by another application', () => {
    expect(ownedEgress(egressWithFile(`meet/${NAME}`), PATH)).toBeUndefined();
    expect(ownedEgress(egressWithFile('recordings/Test Room-2026.mp4'), PATH)).toBeUndefined();
  });

  it('knows our recording by its request template before the name is resolved', () => {
    const info = new EgressInfo({
      egressId: 'EG_2',
      request: {
        case: 'roomComposite',
        value: new RoomCompositeEgressRequest({
          roomName: 'Test Room',
          fileOutputs: [
            new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: 'recordings/RoomComposite-{room_name}-{time}-{room_id}' }),
          ],
        }),
      },
    });
    expect(ownedEgress(info, PATH)).toEqual({ info });
    expect(ownedEgress(info, 'other/')).toBeUndefined();
  });

  it('ignores egresses of another kind that have no file', () => {
    const web = new EgressInfo({ egressId: 'EG_3', request: { case: 'web', value: { url: 'https://example.com' } } });
    expect(ownedEgress(web, PATH)).toBeUndefined();
  });

  it('counts an egress with neither file name nor request echo as ours (a terse server)', () => {
    const info = new EgressInfo({ egressId: 'EG_5', roomName: 'Test Room' });
    expect(ownedEgress(info, PATH)).toEqual({ info });
  });
});

describe('recordingOfEgress', () => {
  it('reports name, room, start in epoch ms and status', () => {
    const info = egressWithFile(`${PATH}${NAME}`);
    expect(recordingOfEgress({ info, name: NAME }, { roomName: 'x' })).toEqual({
      name: NAME,
      roomName: 'Test Room',
      roomId: 'RM_abc123',
      startedAt: 1_795_000_000_123,
      status: 'starting',
    });
  });

  it('never reports a zero start time', () => {
    const info = new EgressInfo({ egressId: 'EG_4', roomName: 'r', roomId: 'RM_x' });
    expect(recordingOfEgress({ info }, { roomName: 'r' }).startedAt).toBeGreaterThan(0);
  });
});

describe('expectedRecordingName', () => {
  it('fills the template like egress does, in UTC', () => {
    expect(expectedRecordingName('Test Room', Date.UTC(2026, 10, 23, 10, 15, 0), 'RM_abc123')).toBe(NAME);
  });
});
