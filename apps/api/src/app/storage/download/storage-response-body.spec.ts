import { createServer as createHttpServer, get as getHttp, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { PassThrough, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { BODY, head, RawServer, writeInPieces } from '../../../test/support/raw-storage-server';
import { StorageHttpClient } from './storage-http-client';
import { writesThrough } from './storage-response-body';

const never = new AbortController().signal;

/** 24 MB in pieces of 100 kB: more than the sockets between storage and the viewer hold, so chunks queue in Node. */
const BIG = Buffer.concat(Array.from({ length: 80 }, (_, round) => BODY.map((byte) => (byte + round) % 256)));

describe('StorageResponseBody', () => {
  // 24 MB through a viewer who reads late: a few seconds on a busy machine.
  jest.setTimeout(60_000);
  let storage: RawServer;
  let client: StorageHttpClient;
  beforeEach(async () => {
    storage = new RawServer((socket) => void writeInPieces(socket, Buffer.concat([Buffer.from(head(BIG.length)), BIG]), 100_000));
    client = new StorageHttpClient(await storage.start(), { bodyStallTimeoutMs: 5_000 });
  });
  afterEach(async () => {
    client.close();
    await storage.stop();
  });

  /**
   * An API whose handler streams the storage body into what `route` makes of its response, and a viewer who starts
   * reading only once `route` says so (until then what the API sends waits in the sockets and whatever `route` put in
   * between), then reads in fits and starts.
   */
  async function serveAndRead(route: (response: ServerResponse, startReading: () => void) => Writable): Promise<Buffer> {
    let startReading = () => undefined as void;
    const started = new Promise<void>((resolve) => (startReading = resolve));
    const api = createHttpServer((_request: IncomingMessage, response: ServerResponse) => {
      void (async () => {
        const { body } = await client.get('/c/blob', {}, never, 10_000);
        response.setHeader('content-length', BIG.length);
        await body!.pipeTo(route(response, startReading));
      })().catch(() => response.destroy());
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        getHttp(`http://127.0.0.1:${(api.address() as AddressInfo).port}/`, (response) => {
          const chunks: Buffer[] = [];
          let received = 0;
          response.pause();
          void Promise.race([started, sleep(5_000)]).then(() => response.resume());
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            if (Math.floor((received + chunk.length) / 2e6) > Math.floor(received / 2e6)) {
              response.pause();
              setTimeout(() => response.resume(), 20);
            }
            received += chunk.length;
          });
          response.on('end', () => resolve(Buffer.concat(chunks)));
          response.on('error', reject);
        }).on('error', reject);
      });
    } finally {
      api.close();
    }
  }

  function firstWrongByte(received: Buffer): number {
    expect(received.length).toBe(BIG.length);
    return received.findIndex((byte, index) => byte !== BIG[index]);
  }

  it('serves every byte right through a slow Transform placed between it and the response', async () => {
    const received = await serveAndRead((response, startReading) => {
      // Takes a while over each chunk, then queues the very same buffer for the response and calls back, as a throttle
      // or an encoder with a buffer of its own would: up to 4 MiB of chunks wait in it while the viewer does not read.
      const slow = new Transform({
        readableHighWaterMark: 4 * 2 ** 20,
        transform: (chunk: Buffer, _encoding, callback) => setImmediate(() => callback(null, chunk)),
      });
      void pipeline(slow, response);
      const queued = setInterval(() => slow.readableLength >= 2 * 2 ** 20 && startReading(), 5);
      slow.once('close', () => clearInterval(queued));
      return slow;
    });
    expect(firstWrongByte(received)).toBe(-1);
  });

  it('serves every byte right into a response whose write someone wrapped', async () => {
    const received = await serveAndRead((response, startReading) => {
      // As compression middleware does: the chunk is kept and written later, the callback is called at once.
      const write = response.write.bind(response);
      response.write = ((chunk: Buffer, callback?: () => void) => {
        setTimeout(() => write(chunk), 1);
        callback?.();
        return true;
      }) as typeof response.write;
      const end = response.end.bind(response);
      response.end = (() => (setTimeout(() => end(), 50), response)) as typeof response.end;
      setTimeout(startReading, 300);
      return response;
    });
    expect(firstWrongByte(received)).toBe(-1);
  });

  it('serves every byte right straight into a response, its read buffers reused once its socket wrote them', async () => {
    const received = await serveAndRead((response, startReading) => (setTimeout(startReading, 300), response));
    expect(firstWrongByte(received)).toBe(-1);
  });

  it('follows the backpressure of a slow destination without losing or reordering a byte', async () => {
    const { body } = await client.get('/c/blob', {}, never, 10_000);
    const chunks: Buffer[] = [];
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write: (chunk: Buffer, _encoding, callback) => {
        chunks.push(chunk);
        setTimeout(callback, ++writes % 10 === 0 ? 2 : 0);
      },
    });
    await body!.pipeTo(slow);
    expect(Buffer.concat(chunks).equals(BIG)).toBe(true);
  });
});

describe('writesThrough', () => {
  it('is true for an HTTP response only, and not once its write is wrapped', () => {
    const response = new ServerResponse(new IncomingMessage(new Socket()));
    expect(writesThrough(response)).toBe(true);
    expect(writesThrough(new PassThrough())).toBe(false);
    expect(writesThrough(new Socket())).toBe(false);
    const wrapped = new ServerResponse(new IncomingMessage(new Socket()));
    const write = wrapped.write.bind(wrapped);
    wrapped.write = ((chunk: Buffer) => write(chunk)) as typeof wrapped.write;
    expect(writesThrough(wrapped)).toBe(false);
  });
});
