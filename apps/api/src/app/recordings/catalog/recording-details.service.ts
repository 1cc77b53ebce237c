import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { UpstreamUnavailableError } from '../../errors/domain-errors';
import { BlobDocumentsService } from '../../storage/blob-documents.service';
import { RecordingCompletion } from '../control/recording-control';
import { completionMetadataOf } from './stored-recording';

/**
 * What the API learns about a stored recording after its file was written, kept beside it for exactly as long as the
 * recording exists (deleted with it), never in the MP4 itself: the file stays immutable, so its ETag — the stream's
 * validator — changes only when the file does.
 */
export interface RecordingDetails {
  /** Raised by every revocation: share links issued in an earlier generation no longer open the recording. */
  shareGeneration: number;
  /** How the recording ended, as its recorder and the API knew it. */
  completion?: RecordingCompletion;
}

const EMPTY: RecordingDetails = { shareGeneration: 0 };
/** Conditional writes lost in a row before giving up (each loss means another request just changed the details). */
const MAX_ATTEMPTS = 8;

/**
 * The details documents, one JSON blob per recording under `<RECORDINGS_PATH>.details/<name>`, written with ETag
 * conditions. The blob's metadata repeats the completion for listings, which therefore read no document.
 */
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
   * (two revocations at once, a revocation and a completion) each apply to the other's result instead of overwriting
   * it. The details as written.
   */
  async update(name: string, change: (current: RecordingDetails) => RecordingDetails): Promise<RecordingDetails> {
    const key = this.keyOf(name);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.documents.read(key);
      const next = change(stored ? parseDetails(stored.text) : EMPTY);
      const metadata = next.completion ? completionMetadataOf(next.completion) : {};
      const written = await this.documents.write(key, JSON.stringify(next), stored ? { etag: stored.etag } : { absent: true }, metadata);
      if (written !== undefined) return next;
    }
    throw new UpstreamUnavailableError('storage', 'The recording details kept changing under this request; try again');
  }

  /** With the recording: its share links end, and nothing of it stays behind. */
  async delete(name: string): Promise<void> {
    await this.documents.delete(this.keyOf(name));
  }

  /** The completion metadata of every recording with details under `namePrefix` (names after RECORDINGS_PATH), by name. */
  async listedMetadata(namePrefix: string): Promise<Map<string, Record<string, string>>> {
    const folder = this.folder();
    const found = new Map<string, Record<string, string>>();
    for await (const item of this.documents.list(`${folder}${namePrefix}`)) found.set(item.key.slice(folder.length), item.metadata);
    return found;
  }

  private folder(): string {
    return `${this.config.recordingsPath}.details/`;
  }

  private keyOf(name: string): string {
    return `${this.folder()}${name}`;
  }
}

/** A stored document, read defensively (the container is shared with other applications). */
function parseDetails(text: string): RecordingDetails {
  let value: Partial<RecordingDetails> | null;
  try {
    value = JSON.parse(text) as Partial<RecordingDetails> | null;
  } catch {
    return EMPTY;
  }
  const generation = value?.shareGeneration;
  const completion = value?.completion;
  return {
    shareGeneration: Number.isSafeInteger(generation) && generation! >= 0 ? generation! : 0,
    ...(completion && typeof completion === 'object' && typeof completion.name === 'string' ? { completion } : {}),
  };
}
