import { connect, createServer, Server, Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

import { BODY, collector, head, RawServer, selfSignedCertificate } from '../../../test/support/raw-storage-server';
import { StorageHttpClient } from './storage-http-client';
import { proxyFor } from './storage-proxy';

const never = new AbortController().signal;
const AZURE = new URL('https://account.blob.core.windows.net/recordings');

describe('proxyFor', () => {
  it('takes HTTPS_PROXY, else ALL_PROXY, else HTTP_PROXY, upper case before lower case, as the SDK does', () => {
    expect(proxyFor(AZURE, {})).toBeUndefined();
    expect(proxyFor(AZURE, { HTTP_PROXY: 'http://h:1', ALL_PROXY: 'http://a:1', HTTPS_PROXY: 'http://s:1' })?.host).toBe('s:1');
    expect(proxyFor(AZURE, { HTTP_PROXY: 'http://h:1', all_proxy: 'http://a:1' })?.host).toBe('a:1');
    expect(proxyFor(AZURE, { http_proxy: 'http://h:1' })?.host).toBe('h:1');
    expect(proxyFor(AZURE, { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' })?.host).toBe('upper:1');
  });

  it('skips the hosts NO_PROXY lists: a name exactly, or a domain and every host under it', () => {
    const proxy = { HTTPS_PROXY: 'http://proxy:3128' };
    expect(proxyFor(AZURE, { ...proxy, NO_PROXY: 'localhost, account.blob.core.windows.net' })).toBeUndefined();
    expect(proxyFor(AZURE, { ...proxy, no_proxy: '.core.windows.net' })).toBeUndefined();
    expect(proxyFor(new URL('https://windows.net/x'), { ...proxy, NO_PROXY: '.windows.net' })).toBeUndefined();
    expect(proxyFor(AZURE, { ...proxy, NO_PROXY: 'blob.core.windows.net,other.example' })?.host).toBe('proxy:3128');
  });

  it('leaves plain HTTP storage (a local Azurite) direct', () => {
    expect(proxyFor(new URL('http://127.0.0.1:10000/devstoreaccount1'), { HTTPS_PROXY: 'http://proxy:3128' })).toBeUndefined();
  });
});

/** A forward proxy that opens CONNECT tunnels, or refuses them with `refusal`, and notes what it was asked. */
async function startProxy(refusal?: string): Promise<{ server: Server; url: URL; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((client: Socket) => {
    client.once('data', (chunk: Buffer) => {
      const request = chunk.toString('latin1');
      asked.push(request);
      if (refusal) return void client.end(`${refusal}\r\ncontent-length: 0\r\n\r\n`);
      const [host, port] = /^CONNECT (\S+):(\d+) /.exec(request)!.slice(1);
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: new URL(`http://reader:s%40cret@127.0.0.1:${port}`), asked };
}

describe('StorageHttpClient through a proxy', () => {
  let storage: RawServer;
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  let client: StorageHttpClient | undefined;
  let origin: URL;
  let ca: Buffer;
  beforeEach(async () => {
    const { key, cert } = selfSignedCertificate('IP:127.0.0.1');
    ca = cert;
    storage = new RawServer((socket) => socket.write(Buffer.concat([Buffer.from(head(BODY.length)), BODY])));
    origin = new URL(`https://127.0.0.1:${(await storage.start(createTlsServer({ key, cert }))).port}/devstoreaccount1`);
  });
  afterEach(async () => {
    client?.close();
    proxy?.server.close();
    await storage.stop();
  });

  it('reaches storage through a CONNECT tunnel with the proxy credentials, TLS to storage checked inside it', async () => {
    proxy = await startProxy();
    const untrusting = new StorageHttpClient(origin, { bodyStallTimeoutMs: 5_000, proxy: proxy.url });
    await expect(untrusting.get('/c/blob', {}, never, 2_000)).rejects.toThrow(/self-signed|certificate/);
    untrusting.close();
    client = new StorageHttpClient(origin, { bodyStallTimeoutMs: 5_000, proxy: proxy.url, tls: { ca } });
    for (let round = 0; round < 2; round++) {
      const { body } = await client.get('/c/blob', {}, never, 2_000);
      const destination = collector();
      await body!.pipeTo(destination);
      expect(destination.bytes().equals(BODY)).toBe(true);
    }
    // One tunnel for both requests (keep-alive), asked for with Basic credentials.
    expect(proxy.asked).toHaveLength(2);
    expect(proxy.asked[1]).toBe(
      `CONNECT 127.0.0.1:${origin.port} HTTP/1.1\r\nhost: 127.0.0.1:${origin.port}\r\n` +
        `proxy-authorization: Basic ${Buffer.from('reader:s@cret').toString('base64')}\r\n\r\n`,
    );
  });

  it('fails with what the proxy said when it refuses the tunnel', async () => {
    proxy = await startProxy('HTTP/1.1 407 Proxy Authentication Required');
    client = new StorageHttpClient(origin, { bodyStallTimeoutMs: 5_000, proxy: proxy.url, tls: { ca } });
    await expect(client.get('/c/blob', {}, never, 2_000)).rejects.toThrow('refused a tunnel: HTTP/1.1 407 Proxy Authentication Required');
    expect(storage.requests).toHaveLength(0);
  });
});
