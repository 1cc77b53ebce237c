import { EgressPhase, EgressSnapshot } from '../../livekit/egress-snapshot';
import { ENDED_RECORD_RETENTION_MS, nextRecord, parseRecord, RecordingRecord, recordsToForget } from './recording-record';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';
const NOW = 1_795_000_100_000;

function egress(status: EgressPhase, extra: Partial<EgressSnapshot> = {}) {
  const info: EgressSnapshot = {
    egressId: 'EG_1',
    roomName: 'Test Room',
    roomId: 'RM_abc123',
    status,
    startedAt: 1_795_000_000_000,
    updatedAt: 1_795_000_000_000,
    ...extra,
  };
  return { info, name: NAME };
}

function record(status: RecordingRecord['status'], extra: Partial<RecordingRecord> = {}): RecordingRecord {
  return {
    egressId: 'EG_1',
    roomName: 'Test Room',
    roomId: 'RM_abc123',
    name: NAME,
    status,
    updatedAt: 1_795_000_000_000,
    startedAt: 1_795_000_000_000,
    ...extra,
  };
}

describe('nextRecord', () => {
  it.each<[string, RecordingRecord['status'] | undefined, EgressPhase, boolean]>([
    ['first word of a recording', undefined, 'starting', true],
    ['active after starting', 'starting', 'active', true],
    ['ending after active', 'active', 'ending', true],
    ['an end after ending', 'ending', 'complete', true],
    ['an end straight from starting (lost webhooks)', 'starting', 'complete', true],
    ['the same status again (a duplicate)', 'active', 'active', false],
    ['an older status (late delivery)', 'ending', 'active', false],
    ['starting after the end', 'complete', 'starting', false],
    ['another end after the end', 'failed', 'complete', false],
  ])('%s: news = %s', (_label, current, status, news) => {
    const change = nextRecord(current && record(current), egress(status), {}, NOW);
    expect(change?.news ?? false).toBe(news);
    if (news) expect(change?.record.status).toBe(status);
  });

  it('takes the file facts of the end and keeps who started it', () => {
    const ended = egress('complete', {
      endedAt: 1_795_000_062_000,
      updatedAt: 1_795_000_062_500,
      file: {
        filename: `recordings/${NAME}`,
        startedAt: 1_795_000_001_000,
        endedAt: 1_795_000_061_000,
        durationMs: 60_000,
        sizeBytes: 4096,
      },
    });
    const change = nextRecord(record('ending', { startedBy: 'Ada', stoppedBy: 'Grace' }), ended, { stoppedBy: 'Someone else' }, NOW);
    expect(change).toEqual({
      news: true,
      record: record('complete', {
        updatedAt: 1_795_000_062_500,
        recordingStartedAt: 1_795_000_001_000,
        endedAt: 1_795_000_061_000,
        durationMs: 60_000,
        sizeBytes: 4096,
        startedBy: 'Ada',
        stoppedBy: 'Grace',
      }),
    });
  });

  it('records the API’s own failure reason over LiveKit’s abort', () => {
    const aborted = egress('aborted', { error: 'Stop called before pipeline could start' });
    const change = nextRecord(record('starting'), aborted, { failure: 'Nobody publishes' }, NOW);
    expect(change?.record).toMatchObject({ status: 'failed', error: 'Nobody publishes' });
  });

  it('adds who stopped it to a record that already knows the news, without announcing it again', () => {
    expect(nextRecord(record('ending'), egress('ending'), { stoppedBy: 'Grace' }, NOW)).toEqual({
      news: false,
      record: record('ending', { stoppedBy: 'Grace' }),
    });
  });

  it('names the file as egress will when it has not said yet', () => {
    const change = nextRecord(undefined, { info: egress('starting').info }, {}, NOW);
    expect(change?.record.name).toBe('RoomComposite-Test Room-2026-11-18T110640-RM_abc123.mp4');
  });
});

describe('parseRecord', () => {
  it('reads back what was written', () => {
    const stored = record('active', { startedBy: 'Ada' });
    expect(parseRecord(JSON.stringify(stored))).toEqual(stored);
  });

  it.each([
    '',
    'not json',
    '[]',
    '{}',
    JSON.stringify({ ...record('active'), status: 'paused' }),
    JSON.stringify({ ...record('active'), startedAt: 'x' }),
  ])('refuses %j', (text) => expect(parseRecord(text)).toBeUndefined());
});

describe('recordsToForget', () => {
  it('forgets ended records once LiveKit forgot their egress, never one in progress', () => {
    const at = (status: RecordingRecord['status'], age: number) => ({ status, lastModified: new Date(NOW - age), id: `${status}-${age}` });
    const old = ENDED_RECORD_RETENTION_MS + 1;
    const records = [
      at('complete', old),
      at('failed', old),
      at('complete', ENDED_RECORD_RETENTION_MS - 1000),
      at('active', old),
      at('ending', old),
    ];
    expect(recordsToForget(records, NOW).map((record) => record.id)).toEqual([`complete-${old}`, `failed-${old}`]);
  });
});
