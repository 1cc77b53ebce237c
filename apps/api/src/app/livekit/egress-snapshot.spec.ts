import {
  EgressInfo,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  RoomCompositeEgressRequest,
  WebEgressRequest,
} from 'livekit-server-sdk';

import { egressSnapshotOf } from './egress-snapshot';

const FILENAME = 'recordings/RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';
const TEMPLATE = 'recordings/RoomComposite-{room_name}-{time}-{room_id}';

describe('egressSnapshotOf', () => {
  it.each([
    [EgressStatus.EGRESS_STARTING, 'starting'],
    [EgressStatus.EGRESS_ACTIVE, 'active'],
    [EgressStatus.EGRESS_ENDING, 'ending'],
    [EgressStatus.EGRESS_COMPLETE, 'complete'],
    [EgressStatus.EGRESS_FAILED, 'failed'],
    [EgressStatus.EGRESS_ABORTED, 'aborted'],
    [EgressStatus.EGRESS_LIMIT_REACHED, 'limit_reached'],
    [99 as EgressStatus, 'failed'],
  ])('reads status %s as %s', (status, phase) => {
    expect(egressSnapshotOf(new EgressInfo({ status })).status).toBe(phase);
  });

  it('turns nanosecond timestamps into epoch ms and keeps the first file result', () => {
    const info = new EgressInfo({
      egressId: 'EG_1',
      roomName: 'Test Room',
      roomId: 'RM_abc123',
      status: EgressStatus.EGRESS_COMPLETE,
      startedAt: 1_795_000_000_123_456_789n,
      endedAt: 1_795_000_060_000_000_000n,
      updatedAt: 1_795_000_060_500_000_000n,
      error: '',
      fileResults: [
        {
          filename: FILENAME,
          startedAt: 1_795_000_001_000_000_000n,
          endedAt: 1_795_000_059_000_000_000n,
          duration: 58_250_000_000n,
          size: 1_234_567n,
        },
        { filename: 'recordings/second.mp4' },
      ],
    });
    expect(egressSnapshotOf(info)).toEqual({
      egressId: 'EG_1',
      roomName: 'Test Room',
      roomId: 'RM_abc123',
      status: 'complete',
      startedAt: 1_795_000_000_123,
      endedAt: 1_795_000_060_000,
      updatedAt: 1_795_000_060_500,
      file: { filename: FILENAME, startedAt: 1_795_000_001_000, endedAt: 1_795_000_059_000, durationMs: 58_250, sizeBytes: 1_234_567 },
    });
  });

  it('reads the legacy single file result and the error', () => {
    const info = new EgressInfo({
      status: EgressStatus.EGRESS_FAILED,
      error: 'Start signal not received',
      result: { case: 'file', value: { filename: FILENAME } },
    });
    expect(egressSnapshotOf(info)).toMatchObject({ error: 'Start signal not received', file: { filename: FILENAME } });
  });

  it('reports no file while egress has not named it', () => {
    expect(egressSnapshotOf(new EgressInfo({ fileResults: [{ filename: '' }] })).file).toBeUndefined();
  });

  it('echoes the file path of a room composite request, in either output field', () => {
    const fileOutputs = new RoomCompositeEgressRequest({
      roomName: 'Test Room',
      fileOutputs: [new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: TEMPLATE })],
    });
    const legacyOutput = new RoomCompositeEgressRequest({
      roomName: 'Test Room',
      output: { case: 'file', value: new EncodedFileOutput({ filepath: TEMPLATE }) },
    });
    for (const value of [fileOutputs, legacyOutput]) {
      const info = new EgressInfo({ request: { case: 'roomComposite', value } });
      expect(egressSnapshotOf(info).request).toEqual({ kind: 'room-composite', filepath: TEMPLATE });
    }
  });

  it('tells other requests from no echo at all', () => {
    const web = new EgressInfo({ request: { case: 'web', value: new WebEgressRequest({ url: 'https://example.com' }) } });
    expect(egressSnapshotOf(web).request).toEqual({ kind: 'other' });
    expect(egressSnapshotOf(new EgressInfo({})).request).toBeUndefined();
  });
});
