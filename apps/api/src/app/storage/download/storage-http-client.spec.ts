import { createServer } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';

import { BODY, collector, head, RawServer, selfSignedCertificate, writeInPieces } from '../../../test/support/raw-storage-server';
import { parseHead } from './storage-connection';
import { StorageConnectionError, StorageHttpClient, StorageHttpClientOptions } from './storage-http-client';

const never = new AbortController().signal;

function clientOf(origin: URL, options: Partial<StorageHttpClientOptions> = {}): StorageHttpClient {
  return new StorageHttpClient(origin, { bodyStallTimeoutMs: 5_000, ...options });
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
    client = clientOf(await server.start());
    for (let round = 0; round < 2; round++) {
      const { head: answer, body } = await client.get('/c/blob?sig=x', { range: 'bytes=0-' }, never, 1_000);
      expect(answer).toEqual({ status: 200, headers: { 'content-length': String(BODY.length), etag: '"e"' } });
      const destination = collector();
      await body!.pipeTo(destination);
      expect(destination.bytes().equals(BODY)).toBe(true);
    }
    expect(server.sockets).toHaveLength(1);
    expect(server.requests[0]).toMatch(/^GET \/c\/blob\?sig=x HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\nrange: bytes=0-$/);
  });

  it('sends a request again on a new connection when storage had closed the kept-alive one', async () => {
    server = new RawServer((socket, _request, index) => {
      socket.write(head(3) + 'abc');
      // The first connection is closed right after its answer, as a server does at its keep-alive timeout.
      if (index === 0) setTimeout(() => socket.destroy(), 5);
    });
    client = clientOf(await server.start());
    const first = await client.get('/one', {}, never, 1_000);
    await first.body!.pipeTo(new PassThrough().resume());
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await client.get('/two', {}, never, 1_000);
    const destination = collector();
    await second.body!.pipeTo(destination);
    expect(destination.bytes().toString()).toBe('abc');
    expect(server.sockets).toHaveLength(2);
  });

  it('answers a refusal with its head only, whatever its body, and a fresh connection serves the next request', async () => {
    server = new RawServer((socket, request) => {
      if (request.startsWith('GET /missing'))
        socket.write('HTTP/1.1 404 The specified blob does not exist.\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<Err>\r\n0\r\n\r\n');
      else socket.write(head(2) + 'ok');
    });
    client = clientOf(await server.start());
    const missing = await client.get('/missing', {}, never, 1_000);
    expect(missing).toEqual({ head: { status: 404, headers: { 'transfer-encoding': 'chunked' } }, body: undefined });
    const found = await client.get('/found', {}, never, 1_000);
    const destination = collector();
    await found.body!.pipeTo(destination);
    expect(destination.bytes().toString()).toBe('ok');
    expect(server.sockets).toHaveLength(2);
  });

  it('reaches storage at an IPv6 address', async () => {
    server = new RawServer((socket) => socket.write(head(2) + 'v6'));
    const url = await server.start(createServer(), { host: '::1', port: 0 });
    const port = url.port;
    client = clientOf(new URL(`http://[::1]:${port}/devstoreaccount1`));
    const { body } = await client.get('/c/blob', {}, never, 1_000);
    const destination = collector();
    await body!.pipeTo(destination);
    expect(destination.bytes().toString()).toBe('v6');
    expect(server.requests[0]).toContain(`host: [::1]:${port}`);
  });

  it('refuses an answer without Content-Length, one that is not HTTP, and one that never comes', async () => {
    server = new RawServer((socket, request) => {
      if (request.startsWith('GET /chunked')) socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n');
      if (request.startsWith('GET /garbage')) socket.write('SSH-2.0-OpenSSH\r\n\r\n');
    });
    client = clientOf(await server.start());
    await expect(client.get('/chunked', {}, never, 1_000)).rejects.toThrow('no Content-Length');
    await expect(client.get('/garbage', {}, never, 1_000)).rejects.toThrow('other than HTTP/1.1');
    await expect(client.get('/silent', {}, never, 200)).rejects.toThrow('did not answer within 0.2 s');
    // Also on a connection that served before: a silent storage is not asked twice.
    const served = server.requests.length;
    const ok = new RawServer((socket, request) => (request.startsWith('GET /first') ? socket.write(head(1) + 'x') : undefined));
    await server.stop();
    server = ok;
    const again = clientOf(await ok.start());
    const first = await again.get('/first', {}, never, 1_000);
    await first.body!.pipeTo(collector());
    await expect(again.get('/silent', {}, never, 200)).rejects.toThrow('did not answer within 0.2 s');
    expect(ok.requests).toHaveLength(2);
    expect(served).toBe(3);
    again.close();
  });

  it('gives up waiting when the signal aborts, and closes that connection', async () => {
    server = new RawServer(() => undefined);
    client = clientOf(await server.start());
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
    client = clientOf(await server.start());
    const cut = await client.get('/cut', {}, never, 1_000);
    await expect(cut.body!.pipeTo(new PassThrough().resume())).rejects.toThrow(StorageConnectionError);

    const left = await client.get('/left', {}, never, 1_000);
    const destination = new PassThrough().resume();
    setTimeout(() => destination.destroy(), 10);
    await expect(left.body!.pipeTo(destination)).rejects.toThrow('closed before it had every byte');

    // A destination that was gone before the body was piped (its 'close' came and went) fails at once, too.
    const late = await client.get('/late', {}, never, 1_000);
    const gone = new PassThrough().resume();
    gone.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(late.body!.pipeTo(gone)).rejects.toThrow('closed before it had every byte');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sockets.at(-1)!.destroyed || server.sockets.at(-1)!.readableEnded).toBe(true);
  });

  it('speaks TLS with Node certificate checks, reading into the same pooled buffers', async () => {
    const { key, cert } = selfSignedCertificate('DNS:localhost');
    server = new RawServer((socket) => socket.write(Buffer.concat([Buffer.from(head(BODY.length)), BODY])));
    const url = await server.start(createTlsServer({ key, cert }));
    const origin = new URL(`https://localhost:${url.port}`);
    // Without the certificate as a trusted CA the connection is refused: the checks are on.
    const untrusting = clientOf(origin);
    await expect(untrusting.get('/c/blob', {}, never, 2_000)).rejects.toThrow(/self-signed|certificate/);
    untrusting.close();
    client = clientOf(origin, { tls: { ca: cert } });
    const { body } = await client.get('/c/blob', {}, never, 2_000);
    const destination = collector();
    await body!.pipeTo(destination);
    expect(destination.bytes().equals(BODY)).toBe(true);
  });

  it('fails a body that storage stops sending in the middle, after the stall timeout', async () => {
    server = new RawServer((socket) => socket.write(head(BODY.length) + BODY.subarray(0, 1000).toString('latin1')));
    client = clientOf(await server.start(), { bodyStallTimeoutMs: 200 });
    const { body } = await client.get('/c/blob', {}, never, 1_000);
    const started = Date.now();
    await expect(body!.pipeTo(collector())).rejects.toThrow('storage sent nothing for 0.2 s');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sockets[0].destroyed || server.sockets[0].readableEnded).toBe(true);
  });

  it('lets a destination pause longer than the stall timeout: waiting for the client is no stall', async () => {
    const big = Buffer.concat(Array.from({ length: 8 }, () => BODY));
    server = new RawServer((socket) => socket.write(Buffer.concat([Buffer.from(head(big.length)), big])));
    client = clientOf(await server.start(), { bodyStallTimeoutMs: 100 });
    const { body } = await client.get('/c/blob', {}, never, 1_000);
    const chunks: Buffer[] = [];
    let writes = 0;
    const paused = new Writable({
      highWaterMark: 1024,
      write: (chunk: Buffer, _encoding, callback) => {
        chunks.push(chunk);
        setTimeout(callback, ++writes === 3 ? 400 : 0);
      },
    });
    await body!.pipeTo(paused);
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
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
