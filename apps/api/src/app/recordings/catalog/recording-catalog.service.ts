import {
  ListRecordingsQuery,
  ListRecordingsResponse,
  parseRecordingName,
  PlaybackUrlResponse,
  Recording,
  RECORDING_NAME_PREFIX,
} from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { ListScope } from '../../access/access-policy';
import { AppConfig } from '../../config/app-config';
import { EgressMissingError, InvalidInputError, RecordingInProgressError, RecordingNotFoundError } from '../../errors/domain-errors';
import { BlobProperties, BlobStorageService } from '../../storage/blob-storage.service';
import { contentDisposition } from '../playback/content-disposition';
import { blobKeyOf, recordingOfEgress } from '../control/egress-recording';
import { RecordingDetailsStore } from './recording-details.service';
import { RecordingIndex } from './recording-index.service';
import { recordingOfStoredFile } from './stored-recording';
import { RecordingNotifier } from '../control/recording-notifier.service';
import { compareNewestFirst, decodePageToken, pageOf } from './recording-page';
import { RecordingPosterService } from './recording-poster.service';
import { RecordingBlob } from '../playback/recording-stream';
import { RecordingsService } from '../control/room-recording.service';

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
    private readonly index: RecordingIndex,
    private readonly details: RecordingDetailsStore,
    private readonly config: AppConfig,
  ) {}

  /**
   * `scope`: the rooms the caller's credential covers, or `all`. One room's recordings (by name, by id through
   * the index's room names, or the rooms of a credential) always come from storage directly, by prefix, never
   * the whole library; a page across all rooms comes from the index, newest first; everything at once (no
   * maxItems) is read from storage, as the whole library has to be read anyway.
   */
  async list(query: ListRecordingsQuery, scope: ListScope = 'all'): Promise<ListRecordingsResponse> {
    const after = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken);
    if (query.pageToken !== undefined && !after) throw new InvalidInputError('pageToken is not valid');
    if (scope !== 'all') {
      const rooms = scope.filter((room) => query.roomName === undefined || room === query.roomName);
      return pageOf(await this.listRooms(rooms, query), query.maxItems, after);
    }
    if (query.roomName !== undefined) return pageOf(await this.listRooms([query.roomName], query), query.maxItems, after);
    if (query.roomId !== undefined) {
      const roomNames = await this.index.roomNamesOf(query.roomId);
      // A room id the index has not seen yet (no completed recording, no sweep since): read everything.
      return pageOf(await this.listRooms(roomNames.length > 0 ? roomNames : [undefined], query), query.maxItems, after);
    }
    if (query.maxItems !== undefined) return this.index.page(query.maxItems, after);
    return pageOf(await this.listRooms([undefined], query), undefined, after);
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

  /** A read-only SAS URL of the recording's blob for PLAYBACK_URL_TTL, naming the file as the stream does. */
  async playbackUrl(name: string, options: { download: boolean }): Promise<PlaybackUrlResponse> {
    const key = blobKeyOf(this.config.recordingsPath, name);
    if (!(await this.storage.getProperties(key))) throw new RecordingNotFoundError();
    const { url, expiresOn } = this.storage.readOnlyUrl(key, {
      lifetimeMs: this.config.playback.urlTtlMs,
      contentDisposition: contentDisposition(options.download ? 'attachment' : 'inline', name),
    });
    return { url, expiresAt: expiresOn.getTime() };
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
    const key = blobKeyOf(this.config.recordingsPath, name);
    // Read first: the index entry to remove is named after the start time, which the blob's metadata holds.
    const blob = await this.storage.getProperties(key);
    const recording = blob && recordingOfStoredFile(name, blob);
    if (!recording || !(await this.storage.delete(key))) throw new RecordingNotFoundError();
    // After the file: should this fail, the recording is gone and its links with it; the share generation of a
    // recording that still exists is never lost.
    await Promise.all([this.posters.deletePosterOf(name), this.details.delete(name)]);
    this.logger.log({ event: 'recording.deleted', room: parts.roomName, recording: name, actor, outcome: 'deleted' }, 'Recording deleted');
    void this.notifier.publish(parts.roomName, { type: 'recording_deleted', name });
    await this.index.forgetRecording(recording).catch((error: Error) => {
      // The recording is gone; its entry only lingers in pages across all rooms until the next sweep.
      this.logger.warn(
        { event: 'index.stale', recording: name, cause: error.message },
        'The index entry of a deleted recording stays until the next sweep',
      );
    });
  }

  /** The recordings of these rooms (undefined: of all rooms) matching the query's filters, newest first. */
  private async listRooms(roomNames: (string | undefined)[], query: ListRecordingsQuery): Promise<Recording[]> {
    const lists = await Promise.all(
      roomNames.map(async (roomName) => {
        const matches: Recording[] = [];
        // A room name narrows the blob listing itself (names start with it); the exact match follows.
        const prefix = `${this.config.recordingsPath}${RECORDING_NAME_PREFIX}${roomName === undefined ? '' : `${roomName}-`}`;
        for await (const blob of this.storage.list(prefix)) {
          const recording = recordingOfStoredFile(blob.key.slice(this.config.recordingsPath.length), blob);
          if (!recording || (roomName !== undefined && recording.roomName !== roomName)) continue;
          if (query.roomId !== undefined && recording.roomId !== query.roomId) continue;
          matches.push(recording);
        }
        return matches;
      }),
    );
    return lists.flat().sort(compareNewestFirst);
  }
}
