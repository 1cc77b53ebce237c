import {
  ListRecordingsQuery,
  ListRecordingsResponse,
  parseRecordingName,
  Recording,
  RECORDING_NAME_PREFIX,
  recordingKeyOf,
} from '@recording/contracts';

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

import { ListScope } from '../../access/access-policy';
import { AppConfig } from '../../config/app-config';
import { InvalidInputError, RecordingInProgressError, RecordingNotFoundError } from '../../errors/domain-errors';
import { BlobListItem, BlobStorageService } from '../../storage/blob-storage.service';
import { RecordingCompletion, RecordingControl } from '../control/recording-control';
import { RecordingDetailsStore } from './recording-details.service';
import { RecordingIndex } from './recording-index.service';
import { compareNewestFirst, decodePageToken, pageOf } from './recording-page';
import { RecordingPosterService } from './recording-poster.service';
import { completionMetadataOf, recordingOfStoredFile, withDetails } from './stored-recording';

/** At most this many rooms' listings at once for one request (a cookie may cover 20 rooms). */
const ROOM_LISTINGS_AT_ONCE = 4;

/** The stored recordings: what is known of them when they end, listing and deleting them. */
@Injectable()
export class RecordingCatalog implements OnModuleInit {
  private readonly logger = new Logger(RecordingCatalog.name);

  constructor(
    private readonly storage: BlobStorageService,
    private readonly control: RecordingControl,
    private readonly posters: RecordingPosterService,
    private readonly index: RecordingIndex,
    private readonly details: RecordingDetailsStore,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.control.onCompleted((completion) => this.keepCompletion(completion));
  }

  /**
   * A recording ended: what control knew of it goes into its details (the MP4 itself never changes) and it joins the
   * index of pages across all rooms. Nothing when no file was written (aborted before the upload). Idempotent: the
   * same news may come again.
   */
  async keepCompletion(completion: RecordingCompletion): Promise<void> {
    if (!(await this.storage.getProperties(recordingKeyOf(this.config.recordingsPath, completion.name)))) return;
    await this.details.update(completion.name, (current) => ({ ...current, completion }));
    await this.index.indexRecording(completion.name, completionMetadataOf(completion));
  }

  /**
   * `scope`: the rooms the caller's credential covers, or `all`. One room's recordings (by name, by id through
   * the index's room names, or the rooms of a credential) always come from storage directly, by prefix, never
   * the whole library; a page across all rooms comes from the index, newest first; everything at once (no
   * maxItems) is read from storage, as the whole library has to be read anyway. A room's list is read when someone
   * joins it: for a room the credential covers, its recordings are checked against LiveKit first.
   */
  async list(query: ListRecordingsQuery, scope: ListScope = 'all'): Promise<ListRecordingsResponse> {
    const after = query.pageToken === undefined ? undefined : decodePageToken(query.pageToken);
    if (query.pageToken !== undefined && !after) throw new InvalidInputError('pageToken is not valid');
    if (query.roomName !== undefined && (scope === 'all' || scope.includes(query.roomName))) {
      await this.control.reconcileRoom(query.roomName);
    }
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

  /** `actor`: who asked (for the log line); undefined in open mode. */
  async delete(name: string, actor?: string): Promise<void> {
    const parts = parseRecordingName(name);
    if (!parts) throw new InvalidInputError('Invalid recording name');
    if (await this.control.isBeingWritten(parts.roomName, name)) throw new RecordingInProgressError();
    const key = recordingKeyOf(this.config.recordingsPath, name);
    // Read first: the index entry to remove is named after the start time, which the details hold.
    const [blob, details] = await Promise.all([this.storage.getProperties(key), this.details.listedMetadata(name)]);
    const recording = blob && recordingOfStoredFile(name, withDetails(blob, details.get(name)));
    if (!recording || !(await this.storage.delete(key))) throw new RecordingNotFoundError();
    // After the file: should this fail, the recording is gone and its links with it; the share generation of a
    // recording that still exists is never lost.
    await Promise.all([this.posters.deletePosterOf(name), this.details.delete(name)]);
    this.logger.log({ event: 'recording.deleted', room: parts.roomName, recording: name, actor, outcome: 'deleted' }, 'Recording deleted');
    void this.control.announceDeleted(parts.roomName, name);
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
    const lists: Recording[][] = [];
    for (let next = 0; next < roomNames.length; next += ROOM_LISTINGS_AT_ONCE) {
      const batch = roomNames.slice(next, next + ROOM_LISTINGS_AT_ONCE);
      lists.push(...(await Promise.all(batch.map((roomName) => this.listRoom(roomName, query)))));
    }
    return lists.flat().sort(compareNewestFirst);
  }

  /** One room's recordings (undefined: every room's): its files and their details, each listed by the room's prefix. */
  private async listRoom(roomName: string | undefined, query: ListRecordingsQuery): Promise<Recording[]> {
    // A room name narrows the listings themselves (names start with it); the exact match follows.
    const namePrefix = `${RECORDING_NAME_PREFIX}${roomName === undefined ? '' : `${roomName}-`}`;
    const [files, details] = await Promise.all([this.files(namePrefix), this.details.listedMetadata(namePrefix)]);
    const matches: Recording[] = [];
    for (const file of files) {
      const recording = recordingOfStoredFile(file.name, withDetails(file, details.get(file.name)));
      if (!recording || (roomName !== undefined && recording.roomName !== roomName)) continue;
      if (query.roomId !== undefined && recording.roomId !== query.roomId) continue;
      matches.push(recording);
    }
    return matches;
  }

  private async files(namePrefix: string): Promise<Array<BlobListItem & { name: string }>> {
    const found: Array<BlobListItem & { name: string }> = [];
    for await (const blob of this.storage.list(`${this.config.recordingsPath}${namePrefix}`)) {
      found.push({ ...blob, name: blob.key.slice(this.config.recordingsPath.length) });
    }
    return found;
  }
}
