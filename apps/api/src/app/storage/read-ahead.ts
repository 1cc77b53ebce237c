import type { StorageResponseBody } from './storage-http-client';

/** What storage said about the blob a parked download reads. */
export interface DownloadFacts {
  size: number;
  etag: string;
  lastModified: Date;
}

export interface ParkedDownload extends DownloadFacts {
  body: StorageResponseBody;
}

interface Parked extends ParkedDownload {
  timer: NodeJS.Timeout;
}

/** A player asks for its next portion right after the last one; a download nobody continued in this time is dropped. */
const PARK_MS = 5_000;
/** Each parked download holds a storage connection and what its socket buffers: a few dozen players between two portions. */
const MAX_PARKED = 64;

/**
 * Storage downloads of "the rest of the blob", paused after the bytes one answer needed and kept for a moment, so
 * the next request that reads on from there (a player's next `bytes=N-`) continues the same download instead of
 * asking storage again: a whole playback costs one storage request, however many portions it is served in. A parked
 * download is the version of the blob it started with (its ETag goes with it), as one long download would be.
 */
export class ReadAhead {
  private readonly parked = new Map<string, Parked>();

  /** The parked download of `key` that continues at `offset`, taken (nobody else gets it); none when it broke meanwhile. */
  take(key: string, offset: number): ParkedDownload | undefined {
    const id = idOf(key, offset);
    const parked = this.parked.get(id);
    if (!parked) return undefined;
    this.parked.delete(id);
    clearTimeout(parked.timer);
    if (!parked.body.readable) return undefined;
    return parked;
  }

  /** Keeps `body` (a download of `key` positioned at `offset`) for whoever continues from there. */
  park(key: string, offset: number, body: StorageResponseBody, facts: DownloadFacts): void {
    const id = idOf(key, offset);
    this.parked.get(id)?.body.destroy();
    if (this.parked.size >= MAX_PARKED) {
      const [oldest] = this.parked.keys();
      this.expire(oldest);
    }
    const timer = setTimeout(() => this.expire(id), PARK_MS).unref();
    this.parked.set(id, { ...facts, body, timer });
  }

  /** How many downloads are parked now. */
  get size(): number {
    return this.parked.size;
  }

  /** Drops every parked download (shutdown). */
  close(): void {
    for (const id of [...this.parked.keys()]) this.expire(id);
  }

  private expire(id: string): void {
    const parked = this.parked.get(id);
    if (!parked) return;
    this.parked.delete(id);
    clearTimeout(parked.timer);
    parked.body.destroy();
  }
}

function idOf(key: string, offset: number): string {
  return `${offset}:${key}`;
}
