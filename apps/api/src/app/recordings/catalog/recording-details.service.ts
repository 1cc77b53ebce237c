import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { UpstreamUnavailableError } from '../../errors/domain-errors';
import { BlobDocumentsService } from '../../storage/blob-documents.service';

/**
 * What the API learns about a stored recording after its file was written, kept beside it for exactly as long as the
 * recording exists (deleted with it), never in the MP4's own metadata: the file stays immutable, so its ETag — the
 * stream's validator and the poster's key — changes only when the file does.
 */
export interface RecordingDetails {
  /** Raised by every revocation: share links issued in an earlier generation no longer open the recording. */
  shareGeneration: number;
}

const EMPTY: RecordingDetails = { shareGeneration: 0 };
/** Conditional writes lost in a row before giving up (each loss means another request just changed the details). */
const MAX_ATTEMPTS = 8;

/** The details documents, one JSON blob per recording under `<RECORDINGS_PATH>.details/`, written with ETag conditions. */
@Injectable()
export class RecordingDetailsStore {
  constructor(
    private readonly documents: BlobDocumentsService,
    private readonly config: AppConfig,
  ) {}

  /** The recording's details; undefined when none were ever written (or the recording was deleted). */
  async read(name: string): Promise<RecordingDetails | undefined> {
    const stored = await this.documents.read(this.keyOf(name));
    return stored && parseDetails(stored.text);
  }

  /** The recording's details, written first when there are none yet. */
  async readOrCreate(name: string): Promise<RecordingDetails> {
    return (await this.read(name)) ?? this.update(name, (current) => current);
  }

  /**
   * Applies `change` to the details as stored, with a write conditional on the version read, so concurrent changes
   * (two revocations at once) each apply to the other's result instead of overwriting it. The details as written.
   */
  async update(name: string, change: (current: RecordingDetails) => RecordingDetails): Promise<RecordingDetails> {
    const key = this.keyOf(name);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.documents.read(key);
      const next = change(stored ? parseDetails(stored.text) : EMPTY);
      const written = await this.documents.write(key, JSON.stringify(next), stored ? { etag: stored.etag } : { absent: true });
      if (written !== undefined) return next;
    }
    throw new UpstreamUnavailableError('storage', 'The recording details kept changing under this request; try again');
  }

  /** With the recording: its share links end, and nothing of it stays behind. */
  async delete(name: string): Promise<void> {
    await this.documents.delete(this.keyOf(name));
  }

  private keyOf(name: string): string {
    return `${this.config.recordingsPath}.details/${name}.json`;
  }
}

/** A stored document, read defensively (the container is shared with other applications). */
function parseDetails(text: string): RecordingDetails {
  try {
    const value = JSON.parse(text) as Partial<RecordingDetails> | null;
    const generation = value?.shareGeneration;
    return { shareGeneration: Number.isSafeInteger(generation) && generation! >= 0 ? generation! : 0 };
  } catch {
    return EMPTY;
  }
}
