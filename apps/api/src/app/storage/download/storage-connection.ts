import { connect as netConnect, isIP, OnReadOpts, Socket } from 'node:net';
import { connect as tlsConnect, ConnectionOptions } from 'node:tls';

/** Bytes per socket read: a read fills one of these, and it goes on to the client as it is (16 KiB was slower, 256 KiB and 1 MiB no faster: tools/bench). */
const READ_BUFFER_BYTES = 64 * 1024;
/** Free read buffers kept for reuse (at most 16 MiB); a stream has two or three in use at a time. */
const MAX_FREE_BUFFERS = 256;
/** A response head larger than this is not what GET Blob answers. */
const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = '\r\n\r\n';

export interface StorageResponseHead {
  status: number;
  /** Lower-case names; a repeated header keeps its last value. */
  headers: Record<string, string>;
}

/**
 * Read buffers handed to the sockets and taken back once nobody holds them any more, so a steady stream allocates
 * nothing per chunk. A fresh buffer per read, as Node's HTTP client makes, costs a full garbage collection of the
 * API's heap every few dozen megabytes: measured (tools/bench), 2-3x the API's CPU per GB served, over TLS too.
 * Only buffers it made itself come back into it.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly own = new WeakSet<Buffer>();

  take(): Buffer {
    const reused = this.free.pop();
    if (reused) return reused;
    const fresh = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
    this.own.add(fresh);
    return fresh;
  }

  give(buffer: Buffer): void {
    if (this.own.has(buffer) && this.free.length < MAX_FREE_BUFFERS) this.free.push(buffer);
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

/** Where to connect: storage itself, or a tunnel to it that a proxy already opened. */
export type StorageRoute = { origin: URL; tls: ConnectionOptions } & ({ direct: true } | { direct: false; tunnel: Socket });

/**
 * One keep-alive HTTP/1.1 connection to storage. Straight to storage, socket reads land in pooled buffers; through a
 * proxy's tunnel Node reads into buffers of its own (it offers no pooled reads on a socket it wraps), and those are
 * dropped instead of pooled.
 */
export class StorageConnection {
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
    route: StorageRoute,
    private readonly pool: BufferPool,
    private readonly closed: (connection: StorageConnection) => void,
  ) {
    const { origin } = route;
    const port = Number(origin.port || (origin.protocol === 'https:' ? 443 : 80));
    const host = origin.hostname.replace(/^\[(.*)\]$/, '$1'); // an IPv6 address without its URL brackets
    // SNI names a host, never an address.
    const servername = isIP(host) ? undefined : host;
    if (route.direct) {
      // Node asks for the buffer of each next read right after it handed over the last one.
      const onread: OnReadOpts = { buffer: () => pool.take(), callback: (length, buffer) => this.read(buffer as Buffer, length) };
      // Node's TLS sockets take `onread` as plain sockets do (its typings do not list it).
      const secure: ConnectionOptions & { onread: OnReadOpts } = { ...route.tls, host, port, servername, onread };
      this.socket = origin.protocol === 'https:' ? tlsConnect(secure) : netConnect({ host, port, onread });
    } else {
      this.socket = tlsConnect({ ...route.tls, socket: route.tunnel, host, servername });
      this.socket.on('data', (chunk: Buffer) => {
        if (!this.read(chunk, chunk.length)) this.socket.pause();
      });
    }
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

  /** A read buffer nobody holds any more. */
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
