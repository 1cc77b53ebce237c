import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

import { readOnlySasUrl } from '../blob-sas';
import { toStorageError } from '../storage-errors';
import { StorageHttpClient, StorageResponseBody } from './storage-http-client';
import { proxyFor } from './storage-proxy';

export interface ByteRange {
  offset: number;
  count: number;
}

/** Some bytes of a blob being downloaded, with what the answer said about the whole blob. */
export interface BlobContent {
  size: number;
  etag: string;
  lastModified: Date;
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
/** Storage sends a body steadily; one that sends nothing for this long while the client reads has hung. */
const BODY_STALL_TIMEOUT_MS = 20_000;
/** Each read gets its own SAS; this only has to outlive the request's start. */
const READ_SAS_LIFETIME_MS = 5 * 60_000;

/**
 * Downloads blob content on the hot path of playback: one plain GET Blob per read, signed with a read-only SAS the
 * SDK makes for that blob, through {@link StorageHttpClient}. Everything else goes through the SDK.
 */
export class BlobContentReader {
  private readonly client: StorageHttpClient;

  constructor(
    private readonly container: ContainerClient,
    private readonly credential: StorageSharedKeyCredential,
  ) {
    const origin = new URL(container.url);
    // The proxy variables are the platform's, read by the SDK itself from the environment; read here by the SDK's
    // rules so that both clients reach storage the same way.
    this.client = new StorageHttpClient(origin, { bodyStallTimeoutMs: BODY_STALL_TIMEOUT_MS, proxy: proxyFor(origin, process.env) });
  }

  /** See BlobStorageService.openContent. */
  async open(key: string, range: ByteRange | undefined, signal: AbortSignal): Promise<ContentOutcome> {
    const { url } = readOnlySasUrl(this.container.getBlobClient(key), this.credential, { lifetimeMs: READ_SAS_LIFETIME_MS });
    const target = new URL(url);
    const headers: Record<string, string> = range ? { range: `bytes=${range.offset}-${range.offset + range.count - 1}` } : {};
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
    const length = Number(head.headers['content-length']);
    // A satisfiable range has at least one byte; Azurite answers a start at the very end with none.
    if (range !== undefined && length === 0) return 'unsatisfiable';
    const span = parseContentRange(head.headers['content-range']);
    if (range !== undefined && !span) {
      body?.destroy();
      throw toStorageError('download the recording', new Error('the download answer has no range'));
    }
    const lastModified = head.headers['last-modified'];
    return content(body, {
      size: span?.size ?? length,
      etag: head.headers['etag'] ?? '',
      lastModified: lastModified ? new Date(lastModified) : new Date(0),
      start: span?.start ?? 0,
      length,
    });
  }

  /** Closes the kept-alive connections (shutdown). */
  close(): void {
    this.client.close();
  }
}

function content(body: StorageResponseBody | undefined, facts: Omit<BlobContent, 'pipeTo' | 'discard'>): BlobContent {
  return {
    ...facts,
    pipeTo: async (destination) => {
      if (!body) {
        destination.end();
        await finished(destination);
        return;
      }
      await body.pipeTo(destination).catch((error: unknown) => {
        throw toStorageError('download the recording', error);
      });
    },
    discard: () => body?.destroy(),
  };
}

/** `Content-Range: bytes <start>-<end>/<size>` of a ranged answer. */
export function parseContentRange(header: string | undefined): { start: number; size: number } | undefined {
  const match = header === undefined ? null : /^bytes (\d+)-\d+\/(\d+)$/.exec(header.trim());
  return match ? { start: Number(match[1]), size: Number(match[2]) } : undefined;
}
