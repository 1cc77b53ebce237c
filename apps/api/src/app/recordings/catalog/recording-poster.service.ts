import { recordingKeyOf } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { RecordingNotFoundError, UpstreamUnavailableError } from '../../errors/domain-errors';
import { FrameGrabber, FrameUnavailableError } from '../../media/frame-grabber.service';
import { BlobContent, BlobProperties, BlobStorageService } from '../../storage/blob-storage.service';
import { RecordingDetailsStore } from './recording-details.service';

/** About a second in: past a fade-in or a black first frame, and within any recording worth a poster. */
const POSTER_AT_SECONDS = 1;
const POSTER_MAX_WIDTH = 640;
const FRAME_TIMEOUT_MS = 30_000;
/** ffmpeg reads the recording straight from storage with this SAS; it only needs it while it runs. */
const SOURCE_URL_LIFETIME_MS = FRAME_TIMEOUT_MS + 60_000;
/** A recording whose poster could not be made is not tried again at every listing for a while. */
const RETRY_FAILED_AFTER_MS = 5 * 60_000;
/**
 * Blob metadata of a poster: which file of the recording it was made from (when it was written, and its size), so a
 * replaced recording gets a new poster. Not its ETag: a recording never changes once stored, but should anything
 * touch its blob's properties, the poster stays what it is.
 */
const SOURCE = 'source';

export interface PosterFile extends BlobProperties {
  key: string;
}

/** The stored recording a poster is made of. */
export interface PosterSource {
  key: string;
  name: string;
  etag: string;
  size: number;
  createdOn?: Date;
}

/**
 * Posters: one JPEG frame from early in a recording, made once with ffmpeg (which reads the recording from storage
 * through ranged requests on a short-lived read-only URL) and kept next to it under `RECORDINGS_PATH.posters/`.
 * Concurrent first requests share one ffmpeg run in a process; across replicas the first stored poster wins.
 */
@Injectable()
export class RecordingPosterService {
  private readonly logger = new Logger(RecordingPosterService.name);
  private readonly making = new Map<string, Promise<PosterFile>>();
  private readonly failed = new Map<string, { until: number; reason: string }>();

  constructor(
    private readonly storage: BlobStorageService,
    private readonly frames: FrameGrabber,
    private readonly details: RecordingDetailsStore,
    private readonly config: AppConfig,
  ) {}

  posterKeyOf(name: string): string {
    return `${this.config.recordingsPath}.posters/${name}.jpg`;
  }

  /** The poster of the stored recording of that name; RecordingNotFoundError when there is no such recording. */
  async posterOfRecording(name: string): Promise<PosterFile> {
    const key = recordingKeyOf(this.config.recordingsPath, name);
    const recording = await this.storage.getProperties(key);
    if (!recording) throw new RecordingNotFoundError();
    return this.posterOf({ ...recording, key, name });
  }

  /** The stored poster's JPEG, to pipe to a client. */
  async openPoster(poster: PosterFile, signal: AbortSignal): Promise<BlobContent> {
    const content = await this.storage.openContent(poster.key, undefined, signal);
    // Stored a moment ago; gone only if someone deleted the recording meanwhile.
    if (content === 'missing' || content === 'unsatisfiable') throw new RecordingNotFoundError();
    return content;
  }

  /** The stored poster of the recording, made now when there is none (or only one of an older file of that name). */
  async posterOf(recording: PosterSource): Promise<PosterFile> {
    const key = this.posterKeyOf(recording.name);
    const source = sourceOf(recording);
    const stored = await this.storage.getProperties(key);
    if (stored && stored.metadata[SOURCE] === source) return { ...stored, key };

    const attempt = `${recording.name}\n${source}`;
    const failure = this.failed.get(attempt);
    if (failure && failure.until > Date.now()) throw posterUnavailable(new Error(failure.reason));
    let making = this.making.get(attempt);
    if (!making) {
      making = this.make(recording, key, source, stored !== undefined).finally(() => this.making.delete(attempt));
      this.making.set(attempt, making);
    }
    try {
      return await making;
    } catch (error) {
      if (error instanceof FrameUnavailableError) {
        for (const [key, entry] of this.failed) if (entry.until <= Date.now()) this.failed.delete(key);
        this.failed.set(attempt, { until: Date.now() + RETRY_FAILED_AFTER_MS, reason: error.message });
        throw posterUnavailable(error);
      }
      throw error;
    }
  }

  /** Deletes the recording's poster, if it has one. */
  async deletePosterOf(name: string): Promise<void> {
    await this.storage.delete(this.posterKeyOf(name));
  }

  private async make(recording: PosterSource, key: string, source: string, replacesStale: boolean): Promise<PosterFile> {
    const { url } = this.storage.readOnlyUrl(recording.key, { lifetimeMs: SOURCE_URL_LIFETIME_MS });
    let jpeg: Buffer;
    try {
      // A sound-only recording (as its details know) has no frame to show: its waveform stands in.
      const soundOnly = (await this.details.read(recording.name))?.completion?.audioOnly === true;
      jpeg = soundOnly
        ? await this.frames.waveform({ url, maxWidth: POSTER_MAX_WIDTH, timeoutMs: FRAME_TIMEOUT_MS })
        : await this.frames.jpegFrame({ url, atSeconds: POSTER_AT_SECONDS, maxWidth: POSTER_MAX_WIDTH, timeoutMs: FRAME_TIMEOUT_MS });
    } catch (error) {
      this.logger.warn({ recording: recording.name, reason: (error as Error).message }, 'No poster could be made of the recording');
      throw error;
    }
    if (replacesStale) await this.storage.delete(key);
    await this.storage.createIfAbsent(key, jpeg, { contentType: 'image/jpeg', metadata: { [SOURCE]: source } });
    const stored = await this.storage.getProperties(key);
    if (!stored) throw posterUnavailable();
    this.logger.log({ recording: recording.name, bytes: stored.size }, 'Poster made');
    return { ...stored, key };
  }
}

/** The file's identity: written at, and size (a server without creation times falls back to the ETag, quotes dropped). */
function sourceOf(recording: PosterSource): string {
  const written = recording.createdOn ? String(recording.createdOn.getTime()) : recording.etag.replace(/^W\//, '').replace(/"/g, '');
  return `${written}-${recording.size}`;
}

function posterUnavailable(cause?: unknown): UpstreamUnavailableError {
  return new UpstreamUnavailableError(
    'ffmpeg',
    'The poster of this recording cannot be made right now; the recording itself can still be played',
    { cause },
  );
}
