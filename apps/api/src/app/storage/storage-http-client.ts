import { connect as netConnect, isIP, OnReadOpts, Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { connect as tlsConnect, ConnectionOptions } from 'node:tls';

/** Bytes per socket read: a read fills one of these, and it goes on to the client as it is (16 KiB was slower, 256 KiB and 1 MiB no faster: tools/bench). */
const READ_BUFFER_BYTES = 64 * 1024;
/** Free read buffers kept for reuse (at most 16 MiB); a stream has two or three in use at a time. */
const MAX_FREE_BUFFERS = 256;
/** Connections kept open between requests; more may be open at once. */
const MAX_IDLE_CONNECTIONS = 64;
/** An idle connection is closed before servers usually close theirs (Node's default keep-alive timeout is 5 s). */
const IDLE_TIMEOUT_MS = 4_000;
/** A response head larger than this is not what GET Blob answers. */
const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = '\r\n\r\n';

export interface StorageResponseHead {
  status: number;
  /** Lower-case names; a repeated header keeps its last value. */
  headers: Record<string, string>;
}

/**
 * Read buffers handed to the sockets and taken back once the client's socket has written them, so a steady stream
 * allocates nothing per chunk. A fresh buffer per read, as Node's HTTP client makes, costs a full garbage collection
 * of the API's heap every few dozen megabytes: measured (tools/bench), a third of the API's CPU while it streams.
 */
class BufferPool {
  private readonly free: Buffer[] = [];

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
  }

  give(buffer: Buffer): void {
    if (this.free.length < MAX_FREE_BUFFERS) this.free.push(buffer);
  }
}

export class StorageConnectionError extends Error {
  constructor(
    message: string,
    /** Failed before any byte of an answer, on a connection that had served requests before: worth one retry. */
    readonly stale = false,
  ) {
    super(message);
    this.name = 'StorageConnectionError';
  }
}

type Phase = 'idle' | 'head' | 'body' | 'closed';

/** One keep-alive HTTP/1.1 connection to storage that reads into pooled buffers. */
class StorageConnection {
  readonly socket: Socket;
  phase: Phase = 'idle';
  idleTimer?: NodeJS.Timeout;
  /** Body bytes go here while someone reads the body; returning false pauses the socket. */
  sink?: (buffer: Buffer, length: number) => boolean;
  private served = 0;
  private headText = '';
  private onHead?: (head: StorageResponseHead, rest: Buffer | undefined) => void;
  private onFailure?: (error: Error) => void;

  constructor(
    url: URL,
    private readonly pool: BufferPool,
    tlsOptions: ConnectionOptions,
    private readonly closed: (connection: StorageConnection) => void,
  ) {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // an IPv6 address without its URL brackets
    // SNI names a host, never an address.
    const servername = isIP(host) ? undefined : host;
    // Node asks for the buffer of each next read right after it handed over the last one.
    const onread: OnReadOpts = { buffer: () => pool.take(), callback: (length, buffer) => this.read(buffer as Buffer, length) };
    // Node's TLS sockets take `onread` as plain sockets do (its typings do not list it).
    const secure: ConnectionOptions & { onread: OnReadOpts } = {
      ...tlsOptions,
      host,
      port,
      servername,
      onread,
    };
    this.socket = url.protocol === 'https:' ? tlsConnect(secure) : netConnect({ host, port, onread });
    this.socket.setNoDelay(true);
    this.socket.on('error', (error) => this.abort(new StorageConnectionError(error.message)));
    this.socket.on('close', () => this.abort(new StorageConnectionError('storage closed the connection')));
  }

  /** Sends a GET and resolves with the answer's head, and the body bytes that came with it. */
  get(target: string, host: string, headers: Record<string, string>): Promise<{ head: StorageResponseHead; rest: Buffer | undefined }> {
    clearTimeout(this.idleTimer);
    const reused = this.served > 0;
    this.served++;
    this.phase = 'head';
    this.headText = '';
    return new Promise((resolve, reject) => {
      this.onHead = (head, rest) => resolve({ head, rest });
      this.onFailure = (error) =>
        reject(error instanceof StorageConnectionError && reused && !error.stale ? new StorageConnectionError(error.message, true) : error);
      const lines = Object.entries({ host, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
      this.socket.write(`GET ${target} HTTP/1.1\r\n${lines.join('')}\r\n`);
      this.socket.resume();
    });
  }

  /** Where a failure goes from now on (the reader of the body). */
  watch(onFailure: ((error: Error) => void) | undefined): void {
    this.onFailure = onFailure;
  }

  release(buffer: Buffer): void {
    this.pool.give(buffer);
  }

  /** Closes the connection; whoever waits on it gets `error`. */
  abort(error: Error): void {
    if (this.phase !== 'closed') {
      this.phase = 'closed';
      clearTimeout(this.idleTimer);
      this.socket.destroy();
      this.closed(this);
    }
    const onFailure = this.onFailure;
    this.onFailure = this.onHead = this.sink = undefined;
    onFailure?.(error);
  }

  destroy(): void {
    this.abort(new StorageConnectionError('the connection to storage was closed'));
  }

  private read(buffer: Buffer, length: number): boolean {
    if (this.phase === 'body' && this.sink) return this.sink(buffer, length);
    if (this.phase !== 'head') {
      this.pool.give(buffer);
      this.abort(new StorageConnectionError('storage sent bytes outside an answer'));
      return false;
    }
    const before = this.headText.length;
    this.headText += buffer.toString('latin1', 0, length);
    const end = this.headText.indexOf(HEAD_END);
    if (end < 0) {
      this.pool.give(buffer);
      if (this.headText.length <= MAX_HEAD_BYTES) return true;
      this.abort(new StorageConnectionError('the answer of storage has an oversized head'));
      return false;
    }
    const bodyAt = end + HEAD_END.length - before;
    // What came after the head in this read is copied out (once per answer), so the read buffer goes back at once.
    const rest = bodyAt < length ? Buffer.from(buffer.subarray(bodyAt, length)) : undefined;
    this.pool.give(buffer);
    const head = parseHead(this.headText.slice(0, end));
    this.headText = '';
    if (!head) {
      this.abort(new StorageConnectionError('storage answered something other than HTTP/1.1'));
      return false;
    }
    this.phase = 'body';
    const onHead = this.onHead;
    this.onHead = undefined;
    onHead?.(head, rest);
    // Paused until somebody reads the body.
    return false;
  }
}

export function parseHead(text: string): StorageResponseHead | undefined {
  const [statusLine, ...lines] = text.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers };
}

/**
 * The body of one storage answer, read on as far as asked: {@link pipeTo} writes the next bytes into a destination
 * with the destination's backpressure, and the rest stays on the connection, paused, for whoever reads on.
 */
export class StorageResponseBody {
  private pending: Buffer | undefined;
  private ended = false;

  constructor(
    private readonly connection: StorageConnection,
    /** Bytes of the body not yet written anywhere. */
    private remainingBytes: number,
    rest: Buffer | undefined,
    private readonly done: (connection: StorageConnection) => void,
  ) {
    this.pending = rest && rest.length > remainingBytes ? rest.subarray(0, remainingBytes) : rest;
    this.endIfRead();
  }

  get remaining(): number {
    return this.remainingBytes;
  }

  /** Whether what is left can still be read (not dropped, its connection open or the rest already read). */
  get readable(): boolean {
    return !this.ended && (this.connection.phase !== 'closed' || (this.pending?.length ?? 0) >= this.remainingBytes);
  }

  /**
   * Writes the next `count` bytes (at most what is left) into `destination` and ends it; resolves once it finished.
   * Rejects when storage fails or the destination closes first, and then the connection is closed. The destination
   * must be done with a chunk when it calls back (as sockets and HTTP responses are, not a PassThrough): the chunk's
   * read buffer is reused then.
   */
  async pipeTo(destination: Writable, count: number): Promise<void> {
    await this.writeInto(destination, Math.min(count, this.remainingBytes));
    destination.end();
    await finished(destination);
  }

  /** Nobody reads on: the connection goes (its unread bytes cannot be skipped cheaply). */
  destroy(): void {
    if (this.ended) return;
    this.ended = true;
    this.connection.destroy();
  }

  private writeInto(destination: Writable, count: number): Promise<void> {
    const connection = this.connection;
    return new Promise<void>((resolve, reject) => {
      let left = count;
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        connection.sink = undefined;
        connection.watch(undefined);
        destination.off('close', onClose);
        destination.off('drain', onDrain);
        if (error) {
          this.destroy();
          reject(error);
        } else {
          this.endIfRead();
          resolve();
        }
      };
      const onClose = () => settle(new StorageConnectionError('the destination closed before it had every byte'));
      const onDrain = () => connection.socket.resume();
      if (this.ended && left > (this.pending?.length ?? 0)) return reject(new StorageConnectionError('the download was dropped'));
      destination.on('close', onClose);
      destination.on('drain', onDrain);
      connection.watch((error) => settle(error));
      // Gone before the first byte (a client that left while storage was asked): its 'close' has been and gone.
      if (destination.destroyed || destination.writableEnded) return onClose();

      /** Writes `chunk`, giving `buffer` back to the pool once it is written; false when the destination is full. */
      const write = (chunk: Buffer, buffer?: Buffer): boolean => {
        this.remainingBytes -= chunk.length;
        left -= chunk.length;
        return destination.write(chunk, buffer ? () => connection.release(buffer) : undefined);
      };

      if (this.pending && left > 0) {
        const pending = this.pending;
        const now = pending.subarray(0, left);
        this.pending = pending.length > now.length ? pending.subarray(now.length) : undefined;
        write(now);
      }
      if (left === 0) return settle();
      if (connection.phase === 'closed') return settle(new StorageConnectionError('storage closed the connection'));
      connection.sink = (buffer, length) => {
        const wanted = Math.min(length, this.remainingBytes);
        if (wanted <= left) {
          const more = write(buffer.subarray(0, wanted), buffer);
          if (left > 0) return more;
          settle();
          return false;
        }
        // This read holds the end of what was asked for and the start of what comes next: the next part is copied out.
        this.pending = Buffer.from(buffer.subarray(left, wanted));
        write(buffer.subarray(0, left), buffer);
        settle();
        return false;
      };
      connection.socket.resume();
    });
  }

  /** Once every byte is written, the connection serves the next request. */
  private endIfRead(): void {
    if (this.ended || this.remainingBytes > 0) return;
    this.ended = true;
    this.done(this.connection);
  }
}

export interface StorageResponse {
  head: StorageResponseHead;
  /** Undefined when the answer has no body (its connection is free again), or is not a success (its connection closed). */
  body: StorageResponseBody | undefined;
}

/**
 * A lean HTTP/1.1 client for the one request on the hot path of playback, GET Blob with a SAS: keep-alive
 * connections, read buffers reused from a pool (see {@link BufferPool}), and bodies written straight into their
 * destination. It speaks what GET Blob answers (a status line, headers, a body of Content-Length bytes) and nothing
 * more; every other storage call goes through the SDK. TLS is Node's, with its certificate checks.
 */
export class StorageHttpClient {
  private readonly pool = new BufferPool();
  private readonly idle: StorageConnection[] = [];
  private readonly open = new Set<StorageConnection>();

  constructor(
    private readonly origin: URL,
    private readonly tlsOptions: ConnectionOptions = {},
  ) {}

  /** GET `target` (path and query); a request on a kept-alive connection the server had closed is sent once more. */
  async get(target: string, headers: Record<string, string>, signal: AbortSignal, timeoutMs: number): Promise<StorageResponse> {
    try {
      return await this.getOnce(target, headers, signal, timeoutMs);
    } catch (error) {
      if (!(error instanceof StorageConnectionError && error.stale) || signal.aborted) throw error;
      return this.getOnce(target, headers, signal, timeoutMs);
    }
  }

  /** Closes every connection (shutdown). */
  close(): void {
    for (const connection of [...this.open]) connection.destroy();
    this.open.clear();
    this.idle.length = 0;
  }

  private async getOnce(target: string, headers: Record<string, string>, signal: AbortSignal, timeoutMs: number): Promise<StorageResponse> {
    signal.throwIfAborted();
    const connection = this.connection();
    const timer = setTimeout(
      // Not a connection error: a storage that does not answer is not asked again.
      () => connection.abort(new Error(`storage did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const abandon = () => connection.abort(signal.reason as Error);
    signal.addEventListener('abort', abandon, { once: true });
    try {
      const { head, rest } = await connection.get(target, this.origin.host, headers);
      if (head.status < 200 || head.status >= 300) {
        // Refusals (404, 416, …) carry an error document, chunked or not: the connection goes with it, nobody reads it.
        connection.destroy();
        return { head, body: undefined };
      }
      const length = Number(head.headers['content-length']);
      if (head.headers['transfer-encoding'] !== undefined || !Number.isSafeInteger(length) || length < 0) {
        throw new StorageConnectionError('the answer of storage has no Content-Length');
      }
      const reusable = head.headers['connection']?.toLowerCase() !== 'close';
      const body = new StorageResponseBody(connection, length, rest, (free) => (reusable ? this.makeIdle(free) : free.destroy()));
      return { head, body: length > 0 ? body : undefined };
    } catch (error) {
      connection.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', abandon);
    }
  }

  private connection(): StorageConnection {
    const connection = this.idle.pop();
    if (connection) return connection;
    const fresh = new StorageConnection(this.origin, this.pool, this.tlsOptions, (closed) => this.forget(closed));
    this.open.add(fresh);
    return fresh;
  }

  private makeIdle(connection: StorageConnection): void {
    if (connection.phase === 'closed') return;
    connection.phase = 'idle';
    connection.watch(undefined);
    if (this.idle.length >= MAX_IDLE_CONNECTIONS) return connection.destroy();
    connection.idleTimer = setTimeout(() => connection.destroy(), IDLE_TIMEOUT_MS).unref();
    this.idle.push(connection);
  }

  private forget(connection: StorageConnection): void {
    this.open.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
  }
}
