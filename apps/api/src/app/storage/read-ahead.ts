import { Readable } from 'node:stream';

/** What storage said about the blob a parked download reads. */
export interface DownloadFacts {
  size: number;
  etag: string;
  lastModified: Date;
}

interface Parked extends DownloadFacts {
  source: Readable;
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

  /** The parked download of `key` that continues at `offset`, taken (nobody else gets it). */
  take(key: string, offset: number): (DownloadFacts & { source: Readable }) | undefined {
    const id = idOf(key, offset);
    const parked = this.parked.get(id);
    if (!parked) return undefined;
    this.parked.delete(id);
    clearTimeout(parked.timer);
    parked.source.off('error', drop);
    return parked;
  }

  /**
   * Serves `length` bytes of `source` (a download of `key` positioned at `offset`) as a stream of their own, then
   * parks the rest of the download at `offset + length` for whoever continues from there.
   */
  serve(key: string, offset: number, length: number, source: Readable, facts: DownloadFacts): Readable {
    return readExactly(source, length, () => {
      const next = offset + length;
      if (next >= facts.size) {
        source.resume(); // only the end of the answer is left: let it finish and free the connection
        return;
      }
      this.park(key, next, source, facts);
    });
  }

  /** Drops every parked download (shutdown). */
  close(): void {
    for (const [id, parked] of this.parked) {
      clearTimeout(parked.timer);
      parked.source.destroy();
      this.parked.delete(id);
    }
  }

  private park(key: string, offset: number, source: Readable, facts: DownloadFacts): void {
    const id = idOf(key, offset);
    this.parked.get(id)?.source.destroy();
    if (this.parked.size >= MAX_PARKED) {
      const [oldest] = this.parked.keys();
      this.expire(oldest);
    }
    // A storage failure while parked only means nobody continues this one.
    source.on('error', drop);
    const timer = setTimeout(() => this.expire(id), PARK_MS).unref();
    this.parked.set(id, { ...facts, source, timer });
  }

  private expire(id: string): void {
    const parked = this.parked.get(id);
    if (!parked) return;
    this.parked.delete(id);
    clearTimeout(parked.timer);
    parked.source.destroy();
  }
}

function idOf(key: string, offset: number): string {
  return `${offset}:${key}`;
}

function drop(): void {
  // nothing: the parked download is destroyed when it expires or is taken and fails its reader
}

/**
 * The next `length` bytes of `source` as a stream of their own, with backpressure both ways; then `source` is paused
 * exactly after them (what it read beyond is put back) and handed to `done`. Destroying the result before the end
 * destroys `source`; `source` ending early or failing fails the result.
 */
export function readExactly(source: Readable, length: number, done: () => void): Readable {
  let remaining = length;
  const detach = () => {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('error', onError);
  };
  const result = new Readable({
    read: () => void source.resume(),
    destroy: (error, callback) => {
      detach();
      if (remaining > 0) source.destroy();
      callback(error);
    },
  });
  const onData = (chunk: Buffer) => {
    if (chunk.length < remaining) {
      remaining -= chunk.length;
      if (!result.push(chunk)) source.pause();
      return;
    }
    const last = chunk.subarray(0, remaining);
    const beyond = chunk.subarray(remaining);
    remaining = 0;
    detach();
    source.pause();
    if (beyond.length > 0) source.unshift(beyond);
    result.push(last);
    result.push(null);
    done();
  };
  const onEnd = () => result.destroy(new Error(`storage sent ${remaining} bytes fewer than announced`));
  const onError = (error: Error) => result.destroy(error);
  source.on('data', onData);
  source.once('end', onEnd);
  source.once('error', onError);
  return result;
}
