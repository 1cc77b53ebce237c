import { ContainerClient } from '@azure/storage-blob';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';

import { BlobContent, ByteRange, ContentOutcome, parseContentRange } from './blob-content-reader';
import { storageStatusOf, toStorageError } from './storage-errors';

/** Time until storage answers with its headers; the body then takes as long as the client reads. */
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * Downloads blob content with the SDK's ranged `download()`: one GET Blob per read, signed with the account key,
 * on the SDK's keep-alive connections (with its proxy settings and its retries, a download that breaks off resuming
 * from where it stopped on the same version of the blob).
 */
export class SdkContentReader {
  constructor(private readonly container: ContainerClient) {}

  /** See BlobStorageService.openContent. */
  async open(key: string, range: ByteRange | undefined, signal: AbortSignal): Promise<ContentOutcome> {
    const headersTimeout = new AbortController();
    const timer = setTimeout(() => headersTimeout.abort(), HEADERS_TIMEOUT_MS);
    let response;
    try {
      response = await this.container
        .getBlobClient(key)
        .download(range?.offset ?? 0, range?.count, { abortSignal: AbortSignal.any([signal, headersTimeout.signal]) });
    } catch (error) {
      if (signal.aborted) throw error;
      const status = storageStatusOf(error);
      if (status === 404) return 'missing';
      if (status === 416) return 'unsatisfiable';
      throw toStorageError('download the recording', error);
    } finally {
      clearTimeout(timer);
    }
    const body = response.readableStreamBody as Readable | undefined;
    const length = response.contentLength ?? 0;
    // A satisfiable range has at least one byte; Azurite answers a start at the very end with none.
    if (range !== undefined && length === 0) {
      body?.destroy();
      return 'unsatisfiable';
    }
    const span = parseContentRange(response.contentRange);
    if (range !== undefined && !span) {
      body?.destroy();
      throw toStorageError('download the recording', new Error('the download answer has no range'));
    }
    return content(body, {
      size: span?.size ?? length,
      etag: response.etag ?? '',
      lastModified: response.lastModified ?? new Date(0),
      start: span?.start ?? 0,
      length,
    });
  }

  close(): void {
    // The SDK's connections close with the process.
  }
}

function content(body: Readable | undefined, facts: Omit<BlobContent, 'pipeTo' | 'discard'>): BlobContent {
  return {
    ...facts,
    pipeTo: async (destination: Writable) => {
      if (!body) {
        destination.end();
        await finished(destination);
        return;
      }
      await pipeline(body, destination).catch((error: unknown) => {
        throw toStorageError('download the recording', error);
      });
    },
    discard: () => body?.destroy(),
  };
}
