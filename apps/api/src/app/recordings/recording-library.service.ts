import {
  ListRecordingsQuery,
  ListRecordingsResponse,
  parseRecordingName,
  posterPathOf,
  Recording,
  RECORDING_NAME_PREFIX,
} from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { ListScope } from '../access/access-policy';
import { AppConfig } from '../config/app-config';
import { InvalidInputError, RecordingInProgressError, RecordingNotFoundError } from '../errors/domain-errors';
import { EgressSnapshot } from '../livekit/egress-snapshot';
import { BlobListItem, BlobProperties, BlobStorageService } from '../storage/blob-storage.service';
import { blobKeyOf, parseRecordingKey, recordingOfEgress } from './egress-recording';
import { RecordingNotifier } from './recording-notifier.service';
import { compareNewestFirst, decodePageToken, pageOf } from './recording-page';
import { RecordingPosterService } from './recording-poster.service';
import { RecordingsService } from './recordings.service';

/** Blob metadata the webhook adds to a finished recording (Azure metadata names are case-insensitive). */
const METADATA_STARTED_AT = 'startedatms';
const METADATA_DURATION = 'durationseconds';
const METADATA_EGRESS_ID = 'egressid';

export interface RecordingFile extends BlobProperties {
  key: string;
  name: string;
}

/** The stored recordings: listing, reading, deleting, and what egress tells us about them. */
@Injectable()
export class RecordingLibraryService {
  private readonly logger = new Logger(RecordingLibraryService.name);

  constructor(
    private readonly storage: BlobStorageService,
    private readonly recordings: RecordingsService,
    private readonly notifier: RecordingNotifier,
    private readonly posters: RecordingPosterService,
    private readonly config: AppConfig,
  ) {}

  /**
   * `scope`: the rooms the caller's credential covers, or `all`. With rooms, only their recordings are read from
   * storage (one prefix listing per room), never the whole library.
   */
  async list(query: ListRecordingsQuery, scope: ListScope = 'all'): Promise<ListRecordingsResponse> {
    const after = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken);
    if (query.pageToken !== undefined && !after) throw new InvalidInputError('pageToken is not valid');

    const rooms = scope === 'all' ? [query.roomName] : scope.filter((room) => query.roomName === undefined || room === query.roomName);
    const matches: Recording[] = [];
    for (const roomName of rooms) {
      // A room name narrows the blob listing itself (names start with it); the exact match follows.
      const namePrefix = roomName === undefined ? '' : `${RECORDING_NAME_PREFIX}${roomName}-`;
      for await (const blob of this.storage.list(`${this.config.recordingsPath}${namePrefix}`)) {
        const recording = this.recordingOf(blob);
        if (!recording) continue;
        if (roomName !== undefined && recording.roomName !== roomName) continue;
        if (query.roomId !== undefined && recording.roomId !== query.roomId) continue;
        matches.push(recording);
      }
    }
    return pageOf(matches.sort(compareNewestFirst), query.maxItems, after);
  }

  /** The stored file of a recording; throws when there is none. */
  async getFile(name: string): Promise<RecordingFile> {
    const key = blobKeyOf(this.config.recordingsPath, name);
    const properties = await this.storage.getProperties(key);
    if (!properties) throw new RecordingNotFoundError();
    return { ...properties, key, name };
  }

  /** `actor`: who asked (for the log line); undefined in open mode. */
  async delete(name: string, actor?: string): Promise<void> {
    const parts = parseRecordingName(name);
    if (!parts) throw new InvalidInputError('Invalid recording name');
    const writing = await this.recordings.activeRecordings(parts.roomName);
    // An egress that has not told its file name yet is matched by the name it will write.
    if (writing.some((owned) => recordingOfEgress(owned, { roomName: parts.roomName }).name === name)) {
      throw new RecordingInProgressError();
    }
    if (!(await this.storage.delete(blobKeyOf(this.config.recordingsPath, name)))) throw new RecordingNotFoundError();
    await this.posters.deletePosterOf(name);
    this.logger.log({ event: 'recording.deleted', room: parts.roomName, recording: name, actor, outcome: 'deleted' }, 'Recording deleted');
    this.notifier.publish(parts.roomName, { type: 'recording_deleted', name });
  }

  /** Keeps what only egress knows (exact start, duration) with the file, for every replica and restart. */
  async recordCompletion(name: string, info: EgressSnapshot): Promise<void> {
    const { file } = info;
    const metadata: Record<string, string> = { [METADATA_EGRESS_ID]: info.egressId };
    const startedAt = file?.startedAt ?? info.startedAt;
    if (startedAt !== undefined) metadata[METADATA_STARTED_AT] = String(startedAt);
    if (file?.durationMs) metadata[METADATA_DURATION] = (file.durationMs / 1000).toFixed(3);
    await this.storage.mergeMetadata(blobKeyOf(this.config.recordingsPath, name), metadata);
  }

  private recordingOf(blob: BlobListItem): Recording | undefined {
    const parts = parseRecordingKey(this.config.recordingsPath, blob.key);
    if (!parts) return undefined;
    const startedAt = Number(blob.metadata[METADATA_STARTED_AT]);
    const duration = Number(blob.metadata[METADATA_DURATION]);
    return {
      name: parts.name,
      roomName: parts.roomName,
      roomId: parts.roomId,
      startedAt: Number.isSafeInteger(startedAt) && startedAt > 0 ? startedAt : parts.startedAt,
      size: blob.size,
      ...(Number.isFinite(duration) && duration > 0 ? { duration } : {}),
      status: 'complete',
      posterUrl: posterPathOf(parts.name),
    };
  }
}
