import { Recording, RECORDING_NAME_PREFIX, recordingKeyOf } from '@recording/contracts';

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { performance } from 'node:perf_hooks';

import { AppConfig } from '../../config/app-config';
import { PeriodicWork } from '../../scheduling/periodic-work';
import { BlobStorageService } from '../../storage/blob-storage.service';
import { RecordingDetailsStore } from './recording-details.service';
import {
  entryMetadata,
  IndexFolders,
  indexFolders,
  newestFirstKey,
  parseNewestFirstKey,
  parseRoomIdKey,
  roomIdKey,
  roomIdPrefix,
  sameMetadata,
  storedFileOfEntry,
} from './recording-index-keys';
import { compareNewestFirst, encodePageToken, PagePosition } from './recording-page';
import { RECORDING_METADATA, recordingOfStoredFile, StoredFile, withDetails } from './stored-recording';

/** Index writes and deletes in flight at once during a sweep. */
const SWEEP_CONCURRENCY = 8;

export interface SweepResult {
  recordings: number;
  written: number;
  removed: number;
}

/**
 * The recordings index (see recording-index-keys.ts): written when a recording completes, removed when it
 * is deleted, and repaired by a periodic sweep that compares it with the recordings in storage, so a
 * recording that reached storage without a webhook is listed across all rooms within one interval, and an
 * entry whose recording vanished goes away. A sweep runs at start-up too.
 */
@Injectable()
export class RecordingIndex implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecordingIndex.name);
  private readonly folders: IndexFolders;

  constructor(
    private readonly storage: BlobStorageService,
    private readonly details: RecordingDetailsStore,
    private readonly jobs: PeriodicWork,
    private readonly config: AppConfig,
  ) {
    this.folders = indexFolders(config.recordingsPath);
  }

  onApplicationBootstrap(): void {
    this.jobs.every('recordings-index-sweep', this.config.recordingsSweepIntervalMs, () => this.sweepAndReport());
  }

  /**
   * Writes the index entries of a stored recording from what storage holds now (its size, and `details`: the
   * metadata of its details), replacing an entry made under another start time. For everything that learns a
   * recording is complete. False when there is no such recording.
   */
  async indexRecording(name: string, details: Record<string, string>): Promise<boolean> {
    const blob = await this.storage.getProperties(recordingKeyOf(this.config.recordingsPath, name));
    const file = blob && withDetails(blob, details);
    const recording = file && recordingOfStoredFile(name, file);
    if (!file || !recording) return false;
    await this.write(recording, file);
    // The sweep may have indexed it under its name's time before the recorder told the exact one.
    const others = this.startCandidates(name, file).filter((startedAt) => startedAt !== recording.startedAt);
    await Promise.all(others.map((startedAt) => this.storage.delete(newestFirstKey(this.folders, { startedAt, name }))));
    return true;
  }

  /** Removes a deleted recording's entry (`recording` as it was listed before the deletion). */
  async forgetRecording(recording: Recording): Promise<void> {
    await this.storage.delete(newestFirstKey(this.folders, recording));
  }

  /** One page across all rooms, newest first, after `after`: a listing call from that position. */
  async page(maxItems: number, after: PagePosition | undefined): Promise<{ recordings: Recording[]; nextPageToken?: string }> {
    const recordings: Recording[] = [];
    const startFrom = after && newestFirstKey(this.folders, after);
    // One more than a page tells whether there is a next one; one more again skips the position itself.
    for await (const entry of this.storage.list(this.folders.newestFirst, { startFrom, pageSize: maxItems + 2 })) {
      const position = parseNewestFirstKey(this.folders, entry.key);
      if (!position || (after && compareNewestFirst(position, after) <= 0)) continue;
      const file = storedFileOfEntry(entry.metadata);
      const recording = file && recordingOfStoredFile(position.name, file);
      if (!recording) continue;
      if (recordings.length === maxItems) return { recordings, nextPageToken: encodePageToken(recordings[maxItems - 1]) };
      recordings.push({ ...recording, startedAt: position.startedAt });
    }
    return { recordings };
  }

  /** The room names a room id was seen with (normally one). */
  async roomNamesOf(roomId: string): Promise<string[]> {
    const names: string[] = [];
    for await (const entry of this.storage.list(roomIdPrefix(this.folders, roomId))) {
      const parsed = parseRoomIdKey(this.folders, entry.key);
      if (parsed?.roomId === roomId) names.push(parsed.roomName);
    }
    return names;
  }

  /** Compares the index with the recordings in storage and repairs it: missing, changed and stale entries. */
  async sweep(): Promise<SweepResult> {
    const wanted = new Map<string, Record<string, string>>();
    const details = await this.details.listedMetadata(RECORDING_NAME_PREFIX);
    let recordings = 0;
    for await (const blob of this.storage.list(`${this.config.recordingsPath}${RECORDING_NAME_PREFIX}`)) {
      const name = blob.key.slice(this.config.recordingsPath.length);
      const file = withDetails(blob, details.get(name));
      const recording = recordingOfStoredFile(name, file);
      if (!recording) continue;
      recordings++;
      wanted.set(newestFirstKey(this.folders, recording), entryMetadata(file));
      wanted.set(roomIdKey(this.folders, recording.roomId, recording.roomName), {});
    }
    const stale: string[] = [];
    for await (const entry of this.storage.list(this.folders.root)) {
      const metadata = wanted.get(entry.key);
      if (metadata === undefined) {
        if (parseNewestFirstKey(this.folders, entry.key) || parseRoomIdKey(this.folders, entry.key)) stale.push(entry.key);
      } else if (entry.key.startsWith(this.folders.roomIds) || sameMetadata(metadata, entry.metadata)) {
        wanted.delete(entry.key);
      }
    }
    await this.inParallel([...wanted], ([key, metadata]) => this.storage.putMarker(key, metadata));
    await this.inParallel(stale, (key) => this.storage.delete(key));
    return { recordings, written: wanted.size, removed: stale.length };
  }

  private async sweepAndReport(): Promise<void> {
    const started = performance.now();
    try {
      const result = await this.sweep();
      const details = { event: 'index.swept', ...result, ms: Math.round(performance.now() - started) };
      if (result.written > 0 || result.removed > 0) this.logger.log(details, 'Recordings index repaired');
      else this.logger.debug(details, 'Recordings index checked');
    } catch (error) {
      this.logger.warn(
        { event: 'index.sweep_failed', cause: (error as Error).message, nextInSeconds: this.config.recordingsSweepIntervalMs / 1000 },
        'Recordings index sweep failed; the next one repairs it',
      );
    }
  }

  private async write(recording: Recording, file: StoredFile): Promise<void> {
    await Promise.all([
      this.storage.putMarker(newestFirstKey(this.folders, recording), entryMetadata(file)),
      this.storage.putMarker(roomIdKey(this.folders, recording.roomId, recording.roomName), {}),
    ]);
  }

  /** Start times a recording's entry may have been written under: the name's time, or its creation time. */
  private startCandidates(name: string, file: StoredFile): number[] {
    const { [RECORDING_METADATA.startedAt]: _reported, ...others } = file.metadata;
    const fallback = recordingOfStoredFile(name, { ...file, metadata: others });
    return fallback ? [fallback.startedAt, file.createdOn.getTime()] : [];
  }

  private async inParallel<T>(items: T[], task: (item: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length && !this.jobs.stopping) await task(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(SWEEP_CONCURRENCY, items.length) }, worker));
  }
}
