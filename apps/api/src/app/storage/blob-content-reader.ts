import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

import { readOnlySasUrl } from './blob-sas';
import { DownloadFacts, ReadAhead } from './read-ahead';
import { toStorageError } from './storage-errors';
import { StorageHttpClient, StorageResponseBody } from './storage-http-client';

export interface ByteRange {
  offset: number;
  count: number;
}

/** Some bytes of a blob being downloaded, with what the answer said about the whole blob. */
export interface BlobContent extends DownloadFacts {
  /** Offset of the first byte, and how many bytes there are. */
  start: number;
  length: number;
  /**
   * Writes the bytes into `destination` with its backpressure, then ends it; resolves once it finished. Rejects
   * when storage fails or the destination closes first (the download is then dropped).
   */
  pipeTo(destination: Writable): Promise<void>;
  /** Nobody reads the bytes: the download is dropped. */
  discard(): void;
}

export type ContentOutcome = BlobContent | 'missing' | 'unsatisfiable';

/** Time until storage answers with its headers; the body then takes as long as the client reads. */
const HEADERS_TIMEOUT_MS = 10_000;
/** Each read gets its own SAS; this only has to outlive the request's start. */
const READ_SAS_LIFETIME_MS = 5 * 60_000;

/**
 * Downloads blob content on the hot path of playback: one plain GET Blob per read, signed with a read-only SAS the
 * SDK makes for that blob, through {@link StorageHttpClient} (keep-alive connections, pooled read buffers, bytes
 * written straight into the response). Everything else goes through the SDK.
 */
export class BlobContentReader {
  private readonly client: StorageHttpClient;
  private readonly readAhead = new ReadAhead();

  constructor(
    private readonly container: ContainerClient,
    private readonly credential: StorageSharedKeyCredential,
  ) {
    this.client = new StorageHttpClient(new URL(container.url));
  }

  /**
   * See BlobStorageService.openContent. With `readAhead`, storage is asked for the rest of the blob and the answer
   * parked after `count` bytes, for the next read from there; a read that starts where a parked one stopped takes it
   * and asks storage nothing.
   */
  async open(key: string, range: ByteRange | undefined, signal: AbortSignal, readAhead = false): Promise<ContentOutcome> {
    const parked = range && this.readAhead.take(key, range.offset);
    if (range && parked) {
      const length = Math.min(range.count, parked.size - range.offset);
      return this.content(key, parked.body, parked, range.offset, length, true);
    }
    const { url } = readOnlySasUrl(this.container.getBlobClient(key), this.credential, { lifetimeMs: READ_SAS_LIFETIME_MS });
    const target = new URL(url);
    const end = range && !readAhead ? range.offset + range.count - 1 : '';
    const headers: Record<string, string> = range ? { range: `bytes=${range.offset}-${end}` } : {};
    let response;
    try {
      response = await this.client.get(`${target.pathname}${target.search}`, headers, signal, HEADERS_TIMEOUT_MS);
    } catch (error) {
      throw signal.aborted ? error : toStorageError('download the recording', error);
    }
    const { head, body } = response;
    const status = head.status;
    // A refusal comes without a body: the client closed its connection already.
    if (status < 200 || status >= 300) {
      if (status === 404) return 'missing';
      if (status === 416) return 'unsatisfiable';
      throw toStorageError('download the recording', { statusCode: status });
    }
    const answered = Number(head.headers['content-length']);
    // A satisfiable range has at least one byte; Azurite answers a start at the very end with none.
    if (range !== undefined && answered === 0) return 'unsatisfiable';
    const span = parseContentRange(head.headers['content-range']);
    if (range !== undefined && !span) {
      body?.destroy();
      throw toStorageError('download the recording', new Error('the download answer has no range'));
    }
    const lastModified = head.headers['last-modified'];
    const facts: DownloadFacts = {
      size: span?.size ?? answered,
      etag: head.headers['etag'] ?? '',
      lastModified: lastModified ? new Date(lastModified) : new Date(0),
    };
    const start = span?.start ?? 0;
    const parkRest = range !== undefined && readAhead;
    return this.content(key, body, facts, start, parkRest ? Math.min(range.count, answered) : answered, parkRest);
  }

  /** Closes the kept-alive connections and drops the parked downloads (shutdown). */
  close(): void {
    this.readAhead.close();
    this.client.close();
  }

  private content(
    key: string,
    body: StorageResponseBody | undefined,
    facts: DownloadFacts,
    start: number,
    length: number,
    parkRest: boolean,
  ): BlobContent {
    return {
      size: facts.size,
      etag: facts.etag,
      lastModified: facts.lastModified,
      start,
      length,
      pipeTo: async (destination) => {
        if (body) {
          await body.pipeTo(destination, length).catch((error: unknown) => {
            throw toStorageError('download the recording', error);
          });
          if (parkRest && body.remaining > 0) this.readAhead.park(key, start + length, body, facts);
          return;
        }
        destination.end();
        await finished(destination);
      },
      discard: () => body?.destroy(),
    };
  }
}

/** `Content-Range: bytes <start>-<end>/<size>` of a ranged answer. */
export function parseContentRange(header: string | undefined): { start: number; size: number } | undefined {
  const match = header === undefined ? null : /^bytes (\d+)-\d+\/(\d+)$/.exec(header.trim());
  return match ? { start: Number(match[1]), size: Number(match[2]) } : undefined;
}
