import { StartedRecording } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { UpstreamUnavailableError } from '../errors/domain-errors';
import { BlobStorageService } from '../storage/blob-storage.service';
import { blobKeyOf, OwnedEgress } from './egress-recording';
import { RecordingIndex } from './recording-index.service';
import { completionMetadataOf } from './recording-metadata';
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
   * have written it already, the record is read and decided again).
   */
  async apply(egress: OwnedEgress, facts: RecordingFacts = {}, isNew = false): Promise<RecordingRecord> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = isNew && attempt === 0 ? undefined : await this.records.read(egress.info.roomName, egress.info.egressId);
      const change = nextRecord(stored?.record, egress, facts, Date.now());
      if (!change) return stored!.record;
      // Before the record: if this fails, the record still says "not ended" and the news is applied again.
      if (change.news && isEnded(change.record.status)) await this.writeCompletion(change.record);
      if (!(await this.records.write(change.record, stored?.etag))) continue;
      if (change.news) await this.announce(change.record);
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
   * Tells the room: its metadata (for whoever joins later), then a data message (for whoever is there), unless the
   * room was created again since (news of an earlier room's recording would only confuse this one).
   */
  private async announce(record: RecordingRecord): Promise<void> {
    this.logEnd(record);
    const roomSid = await this.roomMetadata.sync(record.roomName, record);
    if (roomSid !== undefined && record.roomId !== '' && roomSid !== record.roomId) return;
    const recording: StartedRecording = {
      name: record.name,
      roomName: record.roomName,
      roomId: record.roomId,
      startedAt: recordingStartOf(record),
      status: record.status,
    };
    await this.notifier.publish(record.roomName, { type: 'recording_status', recording, ...(record.error ? { error: record.error } : {}) });
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
