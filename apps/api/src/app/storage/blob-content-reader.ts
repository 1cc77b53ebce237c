import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { Agent as HttpAgent, ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

import { readOnlySasUrl } from './blob-sas';
import { ReadAhead } from './read-ahead';
import { toStorageError } from './storage-errors';

export interface ByteRange {
  offset: number;
  count: number;
}

/** Some bytes of a blob being downloaded, with what the answer said about the whole blob. */
export interface BlobContent {
  body: Readable;
  /** Offset of the first byte in the body, and how many bytes it holds. */
  start: number;
  length: number;
  /** Size of the whole blob. */
  size: number;
  etag: string;
  lastModified: Date;
}

export type ContentOutcome = BlobContent | 'missing' | 'unsatisfiable';

/** Time until storage answers with its headers; the body then takes as long as the client reads. */
const HEADERS_TIMEOUT_MS = 10_000;
/** Each read gets its own SAS; this only has to outlive the request's start. */
const READ_SAS_LIFETIME_MS = 5 * 60_000;

/**
 * Downloads blob content on the hot path of playback: one plain GET Blob per read, signed with a
 * read-only SAS the SDK makes for that blob, on keep-alive connections, and the answer's own body handed
 * on as it arrives. Measured against the SDK's download of the same bytes, this spends about half the CPU
 * per byte (no retrying stream wrapped around the socket, no policy pipeline per request), which is what
 * lets the API stream at nearly the speed of storage itself (tools/bench). Everything else goes through
 * the SDK.
 */
export class BlobContentReader {
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly readAhead = new ReadAhead();

  constructor(
    private readonly container: ContainerClient,
    private readonly credential: StorageSharedKeyCredential,
  ) {
    const https = container.url.startsWith('https:');
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.request = https ? httpsRequest : httpRequest;
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
      return { ...parked, body: this.readAhead.serve(key, range.offset, length, parked.source, parked), start: range.offset, length };
    }
    const { url } = readOnlySasUrl(this.container.getBlobClient(key), this.credential, { lifetimeMs: READ_SAS_LIFETIME_MS });
    const end = range && !readAhead ? range.offset + range.count - 1 : '';
    const response = await this.get(url, range ? { range: `bytes=${range.offset}-${end}` } : {}, signal);
    const status = response.statusCode ?? 0;
    if (status === 404 || status === 416 || status >= 300) {
      response.resume();
      if (status === 404) return 'missing';
      if (status === 416) return 'unsatisfiable';
      throw toStorageError('download the recording', { statusCode: status });
    }
    const answered = Number(response.headers['content-length']);
    // A satisfiable range has at least one byte; Azurite answers a start at the very end with none.
    if (range !== undefined && answered === 0) {
      response.destroy();
      return 'unsatisfiable';
    }
    const span = parseContentRange(response.headers['content-range']);
    if (!Number.isSafeInteger(answered) || (range !== undefined && !span)) {
      response.destroy();
      throw toStorageError('download the recording', new Error('the download answer has no length or range'));
    }
    const lastModified = response.headers['last-modified'];
    const facts = {
      size: span?.size ?? answered,
      etag: response.headers['etag'] ?? '',
      lastModified: lastModified ? new Date(lastModified) : new Date(0),
    };
    const start = span?.start ?? 0;
    if (!range || !readAhead) return { ...facts, body: response, start, length: answered };
    const length = Math.min(range.count, answered);
    return { ...facts, body: this.readAhead.serve(key, start, length, response, facts), start, length };
  }

  /** Closes the kept-alive connections and drops the parked downloads (shutdown). */
  close(): void {
    this.readAhead.close();
    this.agent.destroy();
  }

  /** The answer's head; a request on a kept-alive connection the server had closed is sent once more. */
  private async get(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
    try {
      return await this.send(url, headers, signal);
    } catch (error) {
      if (!(error as { reusedSocket?: boolean }).reusedSocket || signal.aborted) throw toStorageError('download the recording', error);
      try {
        return await this.send(url, headers, signal);
      } catch (again) {
        throw toStorageError('download the recording', again);
      }
    }
  }

  private send(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      let request: ClientRequest | undefined = undefined;
      const timer = setTimeout(() => request?.destroy(new Error('storage did not answer in time')), HEADERS_TIMEOUT_MS);
      request = this.request(url, { agent: this.agent, headers, signal }, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      request.once('error', (error) => {
        clearTimeout(timer);
        reject(Object.assign(error, { reusedSocket: request?.reusedSocket }));
      });
      request.end();
    });
  }
}

/** `Content-Range: bytes <start>-<end>/<size>` of a ranged answer. */
export function parseContentRange(header: string | undefined): { start: number; size: number } | undefined {
  const match = header === undefined ? null : /^bytes (\d+)-\d+\/(\d+)$/.exec(header.trim());
  return match ? { start: Number(match[1]), size: Number(match[2]) } : undefined;
}
