import { RecordingSignal, StartedRecording } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { UpstreamUnavailableError } from '../../errors/domain-errors';
import { OwnedEgress } from './egress-recording';
import { RecordingCompletions } from './recording-completions';
import { RecordingNotifier } from './recording-notifier.service';
import { isEnded, nextRecord, RecordingFacts, RecordingRecord, recordingStartOf } from './recording-record';
import { RecordingRecords, RecordSummary } from './recording-records.service';
import { RoomRecordingMetadata } from './room-recording-metadata.service';

/** Conditional writes lost in a row before giving up (each loss means another replica just wrote the record). */
const MAX_ATTEMPTS = 8;

export interface ApplyOptions {
  /** The egress was just started here: its record is first written without being read (a conditional create). */
  isNew?: boolean;
  /** The room's records as the caller listed them at the beginning of its change (saves listing them again). */
  listed?: RecordSummary[];
}

/**
 * The one way a recording moves on, whatever brought the news (the start and stop answers, a webhook, the
 * reconciler asking LiveKit, the embedded recorder): the record decides whether it is news, a conditional write lets
 * exactly one replica apply it, and that one hands an ended recording's facts to the completion listeners and tells
 * the room (its metadata and a data message), once. Callers hold the room's lock.
 */
@Injectable()
export class RecordingLifecycle {
  private readonly logger = new Logger(RecordingLifecycle.name);

  constructor(
    private readonly records: RecordingRecords,
    private readonly notifier: RecordingNotifier,
    private readonly completions: RecordingCompletions,
    private readonly roomMetadata: RoomRecordingMetadata,
  ) {}

  /** Tells the room's participants the recording as it stands (a change that is not progress: a new layout). */
  async tell(record: RecordingRecord): Promise<void> {
    await this.notifier.publish(record.roomName, signalOf(record));
  }

  /** Applies the latest word about one of our recordings; the record as it now stands. */
  async apply(egress: OwnedEgress, facts: RecordingFacts = {}, options: ApplyOptions = {}): Promise<RecordingRecord> {
    const { roomName, egressId } = egress.info;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = options.isNew && attempt === 0 ? undefined : await this.records.read(roomName, egressId);
      const change = nextRecord(stored?.record, egress, facts, Date.now());
      if (!change) return stored!.record;
      // Before the record: if this fails, the record still says "not ended" and the news is applied again.
      if (change.news && isEnded(change.record.status)) await this.completions.completed(change.record);
      if (!(await this.records.write(change.record, stored?.etag))) continue;
      if (change.news) await this.announce(change.record, options.listed);
      return change.record;
    }
    throw new UpstreamUnavailableError('storage', 'The recording state kept changing under this request; try again');
  }

  /**
   * Tells the room: its metadata (for whoever joins later), then a data message (for whoever is there), unless the
   * room was created again since (news of an earlier room's recording would only confuse this one). The lock is held
   * until both are answered, so the next change's news never overtakes them.
   */
  private async announce(record: RecordingRecord, listed: RecordSummary[] | undefined): Promise<void> {
    this.logEnd(record);
    const roomSid = await this.roomMetadata.sync(record.roomName, record, listed);
    if (isOfRoom(record, roomSid)) await this.notifier.publish(record.roomName, signalOf(record));
  }

  /** How a recording ended, once (only the replica that applied the end gets here). */
  private logEnd(record: RecordingRecord): void {
    if (!isEnded(record.status)) return;
    const fields = { room: record.roomName, recording: record.name, egressId: record.egressId, status: record.status };
    if (record.status === 'complete') {
      this.logger.log({ event: 'recording.completed', ...fields, durationMs: record.durationMs }, 'Recording saved');
    } else {
      this.logger.warn(
        { event: 'recording.failed', ...fields, error: record.error },
        `Recording did not complete (${record.status}): ${record.error ?? 'no reason given'}`,
      );
    }
  }
}

/** False when the room (SID `roomSid`, when known) is not the one the recording was made in. */
function isOfRoom(record: RecordingRecord, roomSid: string | undefined): boolean {
  return roomSid === undefined || record.roomId === '' || roomSid === record.roomId;
}

function signalOf(record: RecordingRecord): RecordingSignal {
  const recording: StartedRecording = {
    name: record.name,
    roomName: record.roomName,
    roomId: record.roomId,
    startedAt: recordingStartOf(record),
    status: record.status,
    ...(record.layout === undefined ? {} : { layout: record.layout }),
    ...(record.audioOnly === undefined ? {} : { audioOnly: record.audioOnly }),
  };
  return { type: 'recording_status', recording, ...(record.error ? { error: record.error } : {}) };
}
