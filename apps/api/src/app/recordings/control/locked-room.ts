import { LiveKitRoom } from '../../livekit/room.service';
import { RecordingRecord } from './recording-record';
import { RecordSummary } from './recording-records.service';

/**
 * What one change of a room (a start, a stop, a reconciliation) read at its beginning while holding the room's lock:
 * the LiveKit room and the room's stored records as listed, kept up to date with what the change writes itself. No
 * one else writes the records or the room's recording metadata while the lock is held, so the change need not read
 * them again; valid only until the lock is released.
 */
export class LockedRoom {
  private readonly records: Map<string, RecordSummary>;

  constructor(
    readonly name: string,
    private current: Promise<LiveKitRoom | undefined>,
    summaries: RecordSummary[],
  ) {
    // Read by whoever needs it; a failure is theirs to report, never an unhandled rejection.
    current.catch(() => undefined);
    this.records = new Map(summaries.map((summary) => [summary.egressId, summary]));
  }

  /** The LiveKit room (undefined: there is none), as read at the beginning or as this change last wrote it. */
  get room(): Promise<LiveKitRoom | undefined> {
    return this.current;
  }

  /** The room's records, newest first. */
  get summaries(): RecordSummary[] {
    return [...this.records.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  /** The version of the record as listed or as this change last wrote it. */
  etagOf(egressId: string): string | undefined {
    return this.records.get(egressId)?.etag;
  }

  /** This change wrote the record (`etag`: its new version). */
  recordWritten(record: RecordingRecord, etag: string): void {
    const { roomName, egressId, status, startedAt, roomId } = record;
    this.records.set(egressId, { roomName, egressId, status, startedAt, roomId, lastModified: new Date(), etag });
  }

  /** This change wrote the room's metadata: LiveKit's answer is the room as it now is. */
  roomWritten(room: LiveKitRoom): void {
    this.current = Promise.resolve(room);
  }
}
