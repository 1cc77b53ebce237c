import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';

import { parseHead, StorageConnectionError, StorageHttpClient } from './storage-http-client';

/** A storage stand-in at the socket level: each request gets what `answer` writes, in the pieces it chooses. */
class RawServer {
  readonly requests: string[] = [];
  readonly sockets: Socket[] = [];
  private server?: Server;

  constructor(private readonly answer: (socket: Socket, request: string, index: number) => void) {}

  async start(server: Server = createServer(), at = { host: '127.0.0.1', port: 0 }): Promise<URL> {
    this.server = server;
    server.on('connection', (socket) => this.serve(socket));
    server.on('secureConnection', (socket) => this.serve(socket));
    await new Promise<void>((resolve) => server.listen(at.port, at.host, resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return new URL(`http://127.0.0.1:${address.port}`);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private serve(socket: Socket): void {
    if (this.server && 'setSecureContext' in this.server && !('encrypted' in socket)) return;
    this.sockets.push(socket);
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      for (let end = text.indexOf('\r\n\r\n'); end >= 0; end = text.indexOf('\r\n\r\n')) {
        const request = text.slice(0, end);
        text = text.slice(end + 4);
        this.requests.push(request);
        this.answer(socket, request, this.requests.length - 1);
      }
    });
    socket.on('error', () => undefined);
  }
}

const BODY = Buffer.from(Array.from({ length: 300_000 }, (_, index) => index % 251));

function head(length: number, extra = ''): string {
  return `HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\nETag: "e"\r\n${extra}\r\n`;
}

/** Writes `bytes` in pieces of `piece` bytes, one per event-loop turn, so the client reads them separately. */
async function writeInPieces(socket: Socket, bytes: Buffer, piece: number): Promise<void> {
  for (let at = 0; at < bytes.length; at += piece) {
    socket.write(bytes.subarray(at, at + piece));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const never = new AbortController().signal;

/**
 * A destination as a socket is: done with a chunk when it calls back (it keeps a copy; a PassThrough would keep the
 * read buffer itself, which goes back to the pool then).
 */
function collector(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const destination = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return Object.assign(destination, { bytes: () => Buffer.concat(chunks) });
}

describe('StorageHttpClient', () => {
  let server: RawServer;
  let client: StorageHttpClient;
  afterEach(async () => {
    client?.close();
    await server?.stop();
  });

  it('reads a whole body into the destination byte for byte, and reuses the connection for the next request', async () => {
    server = new RawServer((socket) => void writeInPieces(socket, Buffer.concat([Buffer.from(head(BODY.length)), BODY]), 70_000));
    client = new StorageHttpClient(await server.start());
    for (let round = 0; round < 2; round++) {
      const { head: answer, body } = await client.get('/c/blob?sig=x', { range: 'bytes=0-' }, never, 1_000);
      expect(answer).toEqual({ status: 200, headers: { 'content-length': String(BODY.length), etag: '"e"' } });
      const destination = collector();
      await body!.pipeTo(destination, BODY.length);
      expect(destination.bytes().equals(BODY)).toBe(true);
    }
    expect(server.sockets).toHaveLength(1);
    expect(server.requests[0]).toMatch(/^GET \/c\/blob\?sig=x HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\nrange: bytes=0-$/);
  });

  it('reads one body in portions, each ending wherever a read ends, and the rest stays for the next portion', async () => {
    server = new RawServer((socket) => void writeInPieces(socket, Buffer.concat([Buffer.from(head(BODY.length)), BODY]), 50_000));
    client = new StorageHttpClient(await server.start());
    const { body } = await client.get('/c/blob', {}, never, 1_000);
    const portions: Buffer[] = [];
    for (const size of [10, 49_990, 1, 123_456, 200_000]) {
      const destination = collector();
      await body!.pipeTo(destination, size);
      portions.push(destination.bytes());
    }
    expect(portions.map((portion) => portion.length)).toEqual([10, 49_990, 1, 123_456, BODY.length - 173_457]);
    expect(Buffer.concat(portions).equals(BODY)).toBe(true);
    expect(body!.remaining).toBe(0);
    // Read to the end: the connection serves the next request.
    const next = await client.get('/c/blob', {}, never, 1_000);
    next.body!.destroy();
    expect(server.sockets).toHaveLength(1);
  });

  it('follows the backpressure of a slow destination without losing or reordering a byte', async () => {
    const big = Buffer.concat(Array.from({ length: 16 }, () => BODY));
    server = new RawServer((socket) => socket.write(Buffer.concat([Buffer.from(head(big.length)), big])));
    client = new StorageHttpClient(await server.start());
    const { body } = await client.get('/c/blob', {}, never, 1_000);
    const chunks: Buffer[] = [];
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write: (chunk: Buffer, _encoding, callback) => {
        // The read buffer is reused once written: what the destination keeps must be its own copy.
        chunks.push(Buffer.from(chunk));
        writes++;
        setTimeout(callback, writes % 10 === 0 ? 2 : 0);
      },
    });
    await body!.pipeTo(slow, big.length);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
  });

  it('sends a request again on a new connection when storage had closed the kept-alive one', async () => {
    server = new RawServer((socket, _request, index) => {
      socket.write(head(3) + 'abc');
      // The first connection is closed right after its answer, as a server does at its keep-alive timeout.
      if (index === 0) setTimeout(() => socket.destroy(), 5);
    });
    client = new StorageHttpClient(await server.start());
    const first = await client.get('/one', {}, never, 1_000);
    await first.body!.pipeTo(new PassThrough().resume(), 3);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await client.get('/two', {}, never, 1_000);
    const destination = collector();
    await second.body!.pipeTo(destination, 3);
    expect(destination.bytes().toString()).toBe('abc');
    expect(server.sockets).toHaveLength(2);
  });

  it('answers a refusal with its head only, whatever its body, and a fresh connection serves the next request', async () => {
    server = new RawServer((socket, request) => {
      if (request.startsWith('GET /missing'))
        socket.write('HTTP/1.1 404 The specified blob does not exist.\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<Err>\r\n0\r\n\r\n');
      else socket.write(head(2) + 'ok');
    });
    client = new StorageHttpClient(await server.start());
    const missing = await client.get('/missing', {}, never, 1_000);
    expect(missing).toEqual({ head: { status: 404, headers: { 'transfer-encoding': 'chunked' } }, body: undefined });
    const found = await client.get('/found', {}, never, 1_000);
    const destination = collector();
    await found.body!.pipeTo(destination, 2);
    expect(destination.bytes().toString()).toBe('ok');
    expect(server.sockets).toHaveLength(2);
  });

  it('reaches storage at an IPv6 address', async () => {
    server = new RawServer((socket) => socket.write(head(2) + 'v6'));
    const url = await server.start(createServer(), { host: '::1', port: 0 });
    const port = url.port;
    client = new StorageHttpClient(new URL(`http://[::1]:${port}/devstoreaccount1`));
    const { body } = await client.get('/c/blob', {}, never, 1_000);
    const destination = collector();
    await body!.pipeTo(destination, 2);
    expect(destination.bytes().toString()).toBe('v6');
    expect(server.requests[0]).toContain(`host: [::1]:${port}`);
  });

  it('refuses an answer without Content-Length, one that is not HTTP, and one that never comes', async () => {
    server = new RawServer((socket, request) => {
      if (request.startsWith('GET /chunked')) socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n');
      if (request.startsWith('GET /garbage')) socket.write('SSH-2.0-OpenSSH\r\n\r\n');
    });
    client = new StorageHttpClient(await server.start());
    await expect(client.get('/chunked', {}, never, 1_000)).rejects.toThrow('no Content-Length');
    await expect(client.get('/garbage', {}, never, 1_000)).rejects.toThrow('other than HTTP/1.1');
    await expect(client.get('/silent', {}, never, 200)).rejects.toThrow('did not answer within 0.2 s');
    // Also on a connection that served before: a silent storage is not asked twice.
    const served = server.requests.length;
    const ok = new RawServer((socket, request) => (request.startsWith('GET /first') ? socket.write(head(1) + 'x') : undefined));
    await server.stop();
    server = ok;
    const again = new StorageHttpClient(await ok.start());
    const first = await again.get('/first', {}, never, 1_000);
    await first.body!.pipeTo(collector(), 1);
    await expect(again.get('/silent', {}, never, 200)).rejects.toThrow('did not answer within 0.2 s');
    expect(ok.requests).toHaveLength(2);
    expect(served).toBe(3);
    again.close();
  });

  it('gives up waiting when the signal aborts, and closes that connection', async () => {
    server = new RawServer(() => undefined);
    client = new StorageHttpClient(await server.start());
    const abort = new AbortController();
    const answer = client.get('/slow', {}, abort.signal, 5_000);
    setTimeout(() => abort.abort(new Error('the client left')), 20);
    await expect(answer).rejects.toThrow('the client left');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sockets[0].destroyed || server.sockets[0].readableEnded).toBe(true);
  });

  it('fails the body and closes the connection when storage breaks off mid-body or the destination goes away', async () => {
    server = new RawServer((socket, request) => {
      socket.write(head(BODY.length) + BODY.subarray(0, 1000).toString('latin1'));
      if (request.startsWith('GET /cut')) setTimeout(() => socket.destroy(), 10);
    });
    client = new StorageHttpClient(await server.start());
    const cut = await client.get('/cut', {}, never, 1_000);
    await expect(cut.body!.pipeTo(new PassThrough().resume(), BODY.length)).rejects.toThrow(StorageConnectionError);

    const left = await client.get('/left', {}, never, 1_000);
    const destination = new PassThrough().resume();
    setTimeout(() => destination.destroy(), 10);
    await expect(left.body!.pipeTo(destination, BODY.length)).rejects.toThrow('closed before it had every byte');

    // A destination that was gone before the body was piped (its 'close' came and went) fails at once, too.
    const late = await client.get('/late', {}, never, 1_000);
    const gone = new PassThrough().resume();
    gone.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(late.body!.pipeTo(gone, BODY.length)).rejects.toThrow('closed before it had every byte');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sockets.at(-1)!.destroyed || server.sockets.at(-1)!.readableEnded).toBe(true);
  });

  it('speaks TLS with Node certificate checks, reading into the same pooled buffers', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'storage-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost',
          '-keyout',
          join(folder, 'key.pem'),
          '-out',
          join(folder, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const cert = readFileSync(join(folder, 'cert.pem'));
      server = new RawServer((socket) => socket.write(Buffer.concat([Buffer.from(head(BODY.length)), BODY])));
      const url = await server.start(createTlsServer({ key: readFileSync(join(folder, 'key.pem')), cert }));
      const origin = new URL(`https://localhost:${url.port}`);
      // Without the certificate as a trusted CA the connection is refused: the checks are on.
      const untrusting = new StorageHttpClient(origin);
      await expect(untrusting.get('/c/blob', {}, never, 2_000)).rejects.toThrow(/self-signed|certificate/);
      untrusting.close();
      client = new StorageHttpClient(origin, { ca: cert });
      const { body } = await client.get('/c/blob', {}, never, 2_000);
      const destination = collector();
      await body!.pipeTo(destination, BODY.length);
      expect(destination.bytes().equals(BODY)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('parseHead', () => {
  it('reads the status and headers of an HTTP/1.1 answer and refuses anything else', () => {
    expect(parseHead('HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-9/26\r\nx-ms-version: 2025')).toEqual({
      status: 206,
      headers: { 'content-range': 'bytes 0-9/26', 'x-ms-version': '2025' },
    });
    expect(parseHead('HTTP/1.0 404')).toEqual({ status: 404, headers: {} });
    expect(parseHead('HTTP/2 200 OK')).toBeUndefined();
    expect(parseHead('HTTP/1.1 200 OK\r\nno colon here')).toBeUndefined();
  });
});
