import { EgressPhase, EgressSnapshot } from '../../livekit/egress-snapshot';
import { egressProgressOf, ownedEgress, recordingNameOfKey, recordingOfEgress } from './egress-recording';

const PATH = 'recordings/';
const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';

function egressWithFile(filename: string, status: EgressPhase = 'starting'): EgressSnapshot {
  return { egressId: 'EG_1', roomName: 'Test Room', roomId: 'RM_abc123', status, startedAt: 1_795_000_000_123, file: { filename } };
}

describe('egressProgressOf', () => {
  it('ranks every end state equal and after ending', () => {
    expect(egressProgressOf('starting')).toBeLessThan(egressProgressOf('active'));
    expect(egressProgressOf('active')).toBeLessThan(egressProgressOf('ending'));
    expect(egressProgressOf('ending')).toBeLessThan(egressProgressOf('failed'));
    expect(egressProgressOf('complete')).toBe(egressProgressOf('limit_reached'));
    expect(egressProgressOf('complete')).toBe(egressProgressOf('aborted'));
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
    const info: EgressSnapshot = {
      egressId: 'EG_2',
      roomName: 'Test Room',
      roomId: '',
      status: 'starting',
      request: { kind: 'room-composite', filepath: 'recordings/RoomComposite-{room_name}-{time}-{room_id}' },
    };
    expect(ownedEgress(info, PATH)).toEqual({ info });
    expect(ownedEgress(info, 'other/')).toBeUndefined();
  });

  it('ignores egresses of another kind that have no file', () => {
    const web: EgressSnapshot = { egressId: 'EG_3', roomName: '', roomId: '', status: 'active', request: { kind: 'other' } };
    expect(ownedEgress(web, PATH)).toBeUndefined();
  });

  it('counts an egress with neither file name nor request echo as ours (a terse server)', () => {
    const info: EgressSnapshot = { egressId: 'EG_5', roomName: 'Test Room', roomId: '', status: 'starting' };
    expect(ownedEgress(info, PATH)).toEqual({ info });
  });
});

describe('recordingOfEgress', () => {
  it('reports name, room, start in epoch ms and status', () => {
    const info = egressWithFile(`${PATH}${NAME}`, 'active');
    expect(recordingOfEgress({ info, name: NAME }, { roomName: 'x' })).toEqual({
      name: NAME,
      roomName: 'Test Room',
      roomId: 'RM_abc123',
      startedAt: 1_795_000_000_123,
      status: 'active',
    });
  });

  it('never reports a zero start time', () => {
    const info: EgressSnapshot = { egressId: 'EG_4', roomName: 'r', roomId: 'RM_x', status: 'starting' };
    expect(recordingOfEgress({ info }, { roomName: 'r' }).startedAt).toBeGreaterThan(0);
  });
});
