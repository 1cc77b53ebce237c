import { PlaybackUrlResponse, recordingKeyOf } from '@recording/contracts';

import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';

import { AppConfig } from '../../config/app-config';
import { RecordingNotFoundError } from '../../errors/domain-errors';
import { BlobStorageService } from '../../storage/blob-storage.service';
import { contentDisposition } from './content-disposition';
import { streamRecording } from './recording-stream';

/** Playing a stored recording: streamed through the API (ranges, validators), or straight from storage by a SAS URL. */
@Injectable()
export class RecordingPlayback {
  constructor(
    private readonly storage: BlobStorageService,
    private readonly config: AppConfig,
  ) {}

  /** Answers GET/HEAD with the recording; `fileName` is what a download is called (its own name unless told). */
  stream(request: Request, response: Response, name: string, options: { download: boolean; fileName?: string }): Promise<void> {
    return streamRecording(
      request,
      response,
      { key: recordingKeyOf(this.config.recordingsPath, name), name: options.fileName ?? name },
      { storage: this.storage, portionSize: this.config.recordingFilePortionSize, download: options.download },
    );
  }

  /** A read-only SAS URL of the recording's blob for PLAYBACK_URL_TTL, naming the file as the stream does. */
  async playbackUrl(name: string, options: { download: boolean }): Promise<PlaybackUrlResponse> {
    const key = recordingKeyOf(this.config.recordingsPath, name);
    if (!(await this.storage.getProperties(key))) throw new RecordingNotFoundError();
    const { url, expiresOn } = this.storage.readOnlyUrl(key, {
      lifetimeMs: this.config.playback.urlTtlMs,
      contentDisposition: contentDisposition(options.download ? 'attachment' : 'inline', name),
    });
    return { url, expiresAt: expiresOn.getTime() };
  }
}
