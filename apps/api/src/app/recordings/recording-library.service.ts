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
import { EgressMissingError, InvalidInputError, RecordingInProgressError, RecordingNotFoundError } from '../errors/domain-errors';
import { BlobListItem, BlobProperties, BlobStorageService } from '../storage/blob-storage.service';
import { blobKeyOf, parseRecordingKey, recordingOfEgress } from './egress-recording';
import { storedRecordingOf } from './recording-metadata';
import { RecordingNotifier } from './recording-notifier.service';
import { compareNewestFirst, decodePageToken, pageOf } from './recording-page';
import { RecordingPosterService } from './recording-poster.service';
import { RecordingBlob } from './recording-stream';
import { RecordingsService } from './recordings.service';

export interface RecordingFile extends BlobProperties {
  key: string;
  name: string;
}

/** The stored recordings: listing, reading and deleting them. */
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

  /** Where a recording's file is stored, without asking storage whether it exists (a download will say). */
  blobOf(name: string): RecordingBlob {
    return { key: blobKeyOf(this.config.recordingsPath, name), name };
  }

  /** `actor`: who asked (for the log line); undefined in open mode. */
  async delete(name: string, actor?: string): Promise<void> {
    const parts = parseRecordingName(name);
    if (!parts) throw new InvalidInputError('Invalid recording name');
    const writing = await this.recordings.activeRecordings(parts.roomName).catch((error: unknown) => {
      // A LiveKit without Egress runs no recording: nothing can be writing this file (npm start without Docker).
      if (error instanceof EgressMissingError) return [];
      throw error;
    });
    // An egress that has not told its file name yet is matched by the name it will write.
    if (writing.some((owned) => recordingOfEgress(owned, { roomName: parts.roomName }).name === name)) {
      throw new RecordingInProgressError();
    }
    if (!(await this.storage.delete(blobKeyOf(this.config.recordingsPath, name)))) throw new RecordingNotFoundError();
    await this.posters.deletePosterOf(name);
    this.logger.log({ event: 'recording.deleted', room: parts.roomName, recording: name, actor, outcome: 'deleted' }, 'Recording deleted');
    this.notifier.publish(parts.roomName, { type: 'recording_deleted', name });
  }

  private recordingOf(blob: BlobListItem): Recording | undefined {
    const parts = parseRecordingKey(this.config.recordingsPath, blob.key);
    return parts && { ...storedRecordingOf(parts, blob), posterUrl: posterPathOf(parts.name) };
  }
}
