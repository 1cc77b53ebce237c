import { OutgoingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

import { StorageConnection, StorageConnectionError } from './storage-connection';

/**
 * Whether `destination` is done with a chunk when it calls back: an HTTP response writes straight to its socket and
 * calls back once the socket wrote the chunk. Anything else may still hold the chunk then (a Transform passes the
 * very buffer on; a response whose `write` someone wrapped, as compression middleware does, is no longer one).
 */
export function writesThrough(destination: Writable): boolean {
  return destination instanceof ServerResponse && destination.write === OutgoingMessage.prototype.write;
}

/** The body of one storage answer: {@link pipeTo} writes it into a destination with the destination's backpressure. */
export class StorageResponseBody {
  private piped = false;
  private ended = false;

  constructor(
    private readonly connection: StorageConnection,
    /** Content-Length of the answer. */
    private readonly length: number,
    /** Body bytes that came in the read that ended the head (a copy). */
    private readonly rest: Buffer | undefined,
    /** While the destination takes bytes, storage may send nothing for this long before the body fails. */
    private readonly stallTimeoutMs: number,
    private readonly done: (connection: StorageConnection) => void,
  ) {}

  /**
   * Writes every byte of the body into `destination` and ends it; resolves once it finished. Rejects when storage
   * fails or stalls, or the destination closes first, and then the connection is closed. Into an HTTP response the
   * read buffers go as they are and back to the pool once its socket wrote them; into anything else (see
   * {@link writesThrough}) each chunk is a copy, so no buffer is reused while someone may still hold it.
   */
  async pipeTo(destination: Writable): Promise<void> {
    if (this.piped) throw new Error('The body was piped already');
    this.piped = true;
    await this.writeInto(destination);
    destination.end();
    await finished(destination);
  }

  /** Nobody reads the body: the connection goes (its unread bytes cannot be skipped cheaply). */
  destroy(): void {
    if (this.ended) return;
    this.ended = true;
    this.connection.destroy();
  }

  private writeInto(destination: Writable): Promise<void> {
    const connection = this.connection;
    const zeroCopy = writesThrough(destination);
    return new Promise<void>((resolve, reject) => {
      let left = this.length;
      let settled = false;
      let stallTimer: NodeJS.Timeout | undefined;
      const stalled = () =>
        connection.abort(new StorageConnectionError(`storage sent nothing for ${this.stallTimeoutMs / 1000} s in the middle of a body`));
      /** Storage is asked for more: it has until the stall timeout to send some. */
      const awaitStorage = () => {
        if (stallTimer) stallTimer.refresh();
        else stallTimer = setTimeout(stalled, this.stallTimeoutMs).unref();
        connection.socket.resume();
      };
      /** The destination is full: storage waits for it, which is no stall. */
      const awaitDestination = () => {
        clearTimeout(stallTimer);
        stallTimer = undefined;
      };
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        awaitDestination();
        connection.sink = undefined;
        connection.watch(undefined);
        destination.off('close', onClose);
        destination.off('drain', awaitStorage);
        if (error) {
          this.destroy();
          reject(error);
        } else {
          this.ended = true;
          this.done(connection);
          resolve();
        }
      };
      const onClose = () => settle(new StorageConnectionError('the destination closed before it had every byte'));
      if (this.ended) return reject(new StorageConnectionError('the download was dropped'));
      destination.on('close', onClose);
      destination.on('drain', awaitStorage);
      connection.watch((error) => settle(error));
      // Gone before the first byte (a client that left while storage was asked): its 'close' has been and gone.
      if (destination.destroyed || destination.writableEnded) return onClose();

      /** Writes the first `length` bytes of a read buffer; false when the destination is full. */
      const write = (buffer: Buffer, length: number): boolean => {
        left -= length;
        const chunk = buffer.subarray(0, length);
        if (zeroCopy) return destination.write(chunk, () => connection.release(buffer));
        const more = destination.write(Buffer.from(chunk));
        connection.release(buffer);
        return more;
      };

      if (this.rest && left > 0) {
        const now = this.rest.subarray(0, left);
        left -= now.length;
        destination.write(now);
      }
      if (left === 0) return settle();
      if (connection.phase === 'closed') return settle(new StorageConnectionError('storage closed the connection'));
      connection.sink = (buffer, length) => {
        const wanted = Math.min(length, left);
        const more = write(buffer, wanted);
        if (left === 0) {
          settle();
          // Bytes past Content-Length: this storage does not speak HTTP as assumed, the connection is not reused.
          if (length > wanted) connection.destroy();
          return false;
        }
        if (more) {
          stallTimer?.refresh();
          return true;
        }
        awaitDestination();
        return false;
      };
      awaitStorage();
    });
  }
}
