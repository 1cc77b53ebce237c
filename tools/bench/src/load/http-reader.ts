import { connect, isIP, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect as tlsConnect, ConnectionOptions } from 'node:tls';

const REQUEST_TIMEOUT_MS = 60_000;
/** Every read of every connection lands in this one buffer and is thrown away: the client allocates nothing per chunk. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const HEAD_END = '\r\n\r\n';

export interface Answer {
  /** Undefined when the request failed without a complete answer (error, timeout, cut short). */
  status?: number;
  headers: Record<string, string>;
  /** Body bytes read (and thrown away). */
  bytes: number;
  /** Time to the first body byte (or to the head of an empty answer), ms. */
  firstByteMs: number;
  totalMs: number;
}

export interface ReadOptions {
  client: HttpClient;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Stop after this many body bytes and close the connection (a viewer who leaves). */
  stopAfterBytes?: number;
  /** Stop reading after this many bytes for `forMs`, then leave (a viewer who pauses and goes away). */
  stall?: { afterBytes: number; forMs: number };
}

/**
 * A keep-alive HTTP/1.1 client with one connection, as a player has, that costs as little CPU as it can:
 * in production the viewer is on another machine, here it shares the cores with Azurite and the API, so
 * whatever it spends is taken from what is measured. Bodies are counted, not kept (Node's HTTP client
 * allocates a buffer per read; autocannon turns bodies into strings). It speaks what Azurite and the API
 * answer: a status line, headers, a body of Content-Length bytes.
 */
export class HttpClient {
  private socket?: Socket;
  private onData?: (bytes: number) => void;
  private onClose?: () => void;

  async read(url: string, options: Omit<ReadOptions, 'client'> = {}): Promise<Answer> {
    const target = new URL(url);
    const socket = await this.connection(target);
    const started = performance.now();
    const answer: Answer = { headers: {}, bytes: 0, firstByteMs: Number.NaN, totalMs: Number.NaN };
    const headers = { host: target.host, ...options.headers };
    const head = `${options.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`;

    return new Promise<Answer>((resolve) => {
      let headText = '';
      let length: number | undefined;
      let done = false;
      const timer = setTimeout(() => finish(false), REQUEST_TIMEOUT_MS);
      const finish = (complete: boolean, keepConnection = complete) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.onData = this.onClose = undefined;
        if (!complete) answer.status = undefined;
        if (!keepConnection || answer.headers['connection'] === 'close') this.close();
        answer.totalMs = performance.now() - started;
        if (Number.isNaN(answer.firstByteMs)) answer.firstByteMs = answer.totalMs;
        resolve(answer);
      };
      const takeBody = (bytes: number) => {
        if (bytes > 0 && answer.bytes === 0) answer.firstByteMs = performance.now() - started;
        answer.bytes += bytes;
        if (length !== undefined && answer.bytes >= length) return finish(answer.bytes === length);
        if (options.stopAfterBytes !== undefined && answer.bytes >= options.stopAfterBytes) return finish(true, false);
        if (options.stall && answer.bytes >= options.stall.afterBytes && !socket.isPaused()) {
          socket.pause();
          setTimeout(() => finish(true, false), options.stall.forMs);
        }
      };
      this.onClose = () => finish(length === undefined && answer.status !== undefined, false);
      this.onData = (bytes) => {
        if (answer.status !== undefined) return takeBody(bytes);
        headText += READ_BUFFER.toString('latin1', 0, bytes);
        const end = headText.indexOf(HEAD_END);
        if (end < 0) return;
        const [statusLine, ...lines] = headText.slice(0, end).split('\r\n');
        answer.status = Number(statusLine.split(' ')[1]);
        for (const line of lines) {
          const colon = line.indexOf(':');
          answer.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const declared = answer.headers['content-length'];
        length = options.method === 'HEAD' || answer.status === 304 ? 0 : declared === undefined ? undefined : Number(declared);
        const rest = headText.length - end - HEAD_END.length;
        if (answer.headers['transfer-encoding'] !== undefined) return finish(false);
        if (length === 0) return finish(rest === 0);
        takeBody(rest);
      };
      socket.write(head);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connection(target: URL): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const onread = { buffer: READ_BUFFER, callback: (bytes: number) => (this.onData?.(bytes), true) };
      const host = target.hostname;
      const secure = target.protocol === 'https:';
      // TLS as a browser does it, certificate checked (the bench's own is trusted through NODE_EXTRA_CA_CERTS). Node's TLS
      // sockets take `onread` as plain sockets do (its typings do not list it); SNI names a host, never an address.
      const tlsOptions: ConnectionOptions & { onread: typeof onread } = {
        host,
        port: Number(target.port || 443),
        servername: isIP(host) ? undefined : host,
        onread,
      };
      const socket = secure ? tlsConnect(tlsOptions) : connect({ host, port: Number(target.port || 80), onread });
      socket.setNoDelay(true);
      socket.once(secure ? 'secureConnect' : 'connect', () => resolve(socket));
      socket.once('error', reject);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.onClose?.();
      });
      this.socket = socket;
    });
  }
}

/** One request on the client's connection (opened when it has none). */
export function read(url: string, options: ReadOptions): Promise<Answer> {
  const { client, ...rest } = options;
  return client.read(url, rest);
}

export interface Playback {
  /** Every range was answered as a player expects (206, at the offset asked, some bytes). */
  ok: boolean;
  bytes: number;
  seconds: number;
  requests: number;
  firstByteMs: number[];
}

/**
 * What a `<video>` element does while it plays through a file: `Range: bytes=<next>-` until the end,
 * each answer taken as far as the server sends it (our API: one portion; storage: the whole rest).
 * `length` limits how much is read from `start` (a viewer who watches part of it).
 */
export async function play(url: string, client: HttpClient, size: number, start = 0, length = size - start): Promise<Playback> {
  const end = Math.min(size, start + length);
  const result: Playback = { ok: true, bytes: 0, seconds: 0, requests: 0, firstByteMs: [] };
  const started = performance.now();
  let position = start;
  while (position < end) {
    const answer = await client.read(url, { headers: { range: `bytes=${position}-` }, stopAfterBytes: end - position });
    result.requests++;
    result.firstByteMs.push(answer.firstByteMs);
    if (answer.status !== 206 || !contentRangeStartsAt(answer.headers['content-range'], position) || answer.bytes === 0) {
      result.ok = false;
      break;
    }
    // A read may run past what this viewer wanted; only what it wanted counts.
    const wanted = Math.min(answer.bytes, end - position);
    position += wanted;
    result.bytes += wanted;
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function contentRangeStartsAt(header: string | undefined, start: number): boolean {
  return header !== undefined && new RegExp(`^bytes ${start}-\\d+/\\d+$`).test(header);
}
