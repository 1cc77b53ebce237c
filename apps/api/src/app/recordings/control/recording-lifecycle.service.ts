import { RecordingSignal, StartedRecording } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { UpstreamUnavailableError } from '../../errors/domain-errors';
import { BlobStorageService } from '../../storage/blob-storage.service';
import { blobKeyOf, OwnedEgress } from './egress-recording';
import { LockedRoom } from './locked-room';
import { RecordingIndex } from '../catalog/recording-index.service';
import { completionMetadataOf } from '../catalog/stored-recording';
import { RecordingNotifier } from './recording-notifier.service';
import { isEnded, nextRecord, RecordingFacts, RecordingRecord, recordingStartOf } from './recording-record';
import { RecordingRecords } from './recording-records.service';
import { RoomRecordingMetadata } from './room-recording-metadata.service';

/** Conditional writes lost in a row before giving up (each loss means another replica just wrote the record). */
const MAX_ATTEMPTS = 8;

/**
 * The one way a recording moves on, whatever brought the news (the start and stop answers, a webhook, the
 * reconciler asking LiveKit): the record decides whether it is news, a conditional write lets exactly one replica
 * apply it, and that one writes the completion metadata and tells the room (its metadata and a data message), once.
 * Callers hold the room's lock.
 */
@Injectable()
export class RecordingLifecycle {
  private readonly logger = new Logger(RecordingLifecycle.name);

  constructor(
    private readonly records: RecordingRecords,
    private readonly storage: BlobStorageService,
    private readonly notifier: RecordingNotifier,
    private readonly index: RecordingIndex,
    private readonly roomMetadata: RoomRecordingMetadata,
    private readonly config: AppConfig,
  ) {}

  /**
   * Applies LiveKit's latest word about one of our egresses; the record as it now stands. `isNew`: the egress was
   * just started here, so its record is first written without being read (a conditional create: should a webhook
   * have written it already, the record is read and decided again). `room`: what the caller read of the room under
   * its lock (a record it lists in the version this process knows is not read again, nor the room for the news).
   */
  async apply(
    egress: OwnedEgress,
    facts: RecordingFacts = {},
    options: { isNew?: boolean; room?: LockedRoom } = {},
  ): Promise<RecordingRecord> {
    const { roomName, egressId } = egress.info;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored =
        options.isNew && attempt === 0
          ? undefined
          : await this.records.readListed(roomName, egressId, attempt === 0 ? options.room?.etagOf(egressId) : undefined);
      const change = nextRecord(stored?.record, egress, facts, Date.now());
      if (!change) return stored!.record;
      // Before the record: if this fails, the record still says "not ended" and the news is applied again.
      if (change.news && isEnded(change.record.status)) await this.writeCompletion(change.record);
      const etag = await this.records.write(change.record, stored?.etag);
      if (etag === undefined) continue;
      options.room?.recordWritten(change.record, etag);
      if (change.news) await this.announce(change.record, options.room);
      return change.record;
    }
    throw new UpstreamUnavailableError('storage', 'The recording state kept changing under this request; try again');
  }

  /**
   * Keeps what only egress and the API know with the file, for every replica and after the room is gone, and lists
   * the stored file in the recordings index (pages across all rooms).
   */
  private async writeCompletion(record: RecordingRecord): Promise<void> {
    // False when there is no file (aborted, or failed before the upload): nothing to describe.
    if (await this.storage.mergeMetadata(blobKeyOf(this.config.recordingsPath, record.name), completionMetadataOf(record))) {
      await this.index.indexRecording(record.name);
    }
  }

  /**
   * Tells the room: its metadata (for whoever joins later) and a data message (for whoever is there), unless the
   * room was created again since (news of an earlier room's recording would only confuse this one). With the room
   * already known (`known`), both go at once; the lock is held until both are answered, so the next change's news
   * never overtakes them.
   */
  private async announce(record: RecordingRecord, known?: LockedRoom): Promise<void> {
    this.logEnd(record);
    const publish = () => this.notifier.publish(record.roomName, signalOf(record));
    if (known) {
      const roomSid = (await known.room.catch(() => undefined))?.sid;
      const sync = this.roomMetadata.sync(record.roomName, record, known);
      await Promise.all([sync, isOfRoom(record, roomSid) ? publish() : undefined]);
      return;
    }
    const roomSid = await this.roomMetadata.sync(record.roomName, record);
    if (isOfRoom(record, roomSid)) await publish();
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
  };
  return { type: 'recording_status', recording, ...(record.error ? { error: record.error } : {}) };
}
