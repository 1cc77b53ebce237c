import { joinedRoomsCookie } from './support/credentials';
import { requestJson } from './support/http';
import { putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

const PORTION = 1000;
const SIZE = 10_000;

describe('GET /recordings/:name (streaming)', () => {
  let server: TestServer;
  let content: Buffer;
  /** A browser that joined these rooms: the player reaches their recordings through the recording_access cookie. */
  let cookie: Record<string, string>;
  const name = recordingName('Test Room');
  const url = () => `${server.url}/recordings/${encodeURIComponent(name)}`;

  beforeAll(async () => {
    server = await startTestServer({ RECORDING_FILE_PORTION_SIZE: String(PORTION) });
    content = await putBlob(server.container, `recordings/${name}`, SIZE);
    cookie = { cookie: await joinedRoomsCookie(server.url, ['Test Room', '会议室 A', 'Nowhere', 'Empty']) };
  });
  afterAll(() => server.close());

  async function get(headers: Record<string, string> = {}, method = 'GET') {
    const response = await fetch(url(), { method, headers: { ...cookie, ...headers } });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  it('answers 200 with the whole file and every contract header without Range', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.body.equals(content)).toBe(true);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe(String(SIZE));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('etag')).toMatch(/^"/);
    expect(new Date(response.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    expect(response.headers.get('content-range')).toBeNull();
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  });

  const partials: Array<[string, number, number]> = [
    ['bytes=0-99', 0, 99],
    ['bytes=500-1499', 500, 1499],
    ['bytes=9990-20000', 9990, 9999],
    ['bytes=9999-9999', 9999, 9999],
    ['bytes=0-', 0, PORTION - 1],
    ['bytes=9500-', 9500, 9999],
    ['bytes=-500', 9500, 9999],
    ['bytes=-20000', 0, 9999],
  ];
  it.each(partials)('answers 206 with exactly bytes %s → %i..%i', async (range, start, end) => {
    const response = await get({ Range: range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(response.body.equals(content.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=10000-', 'bytes=20000-20100', 'bytes=-0'])('answers 416 with Content-Range */size for %s', async (range) => {
    const response = await get({ Range: range });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${SIZE}`);
    expect(JSON.parse(response.body.toString()).errorMessage).toMatch(/Range not satisfiable/);
  });

  it.each(['items=0-5', 'bytes=abc-', 'bytes=100-50', 'bytes=0-1,5-9', 'bytes=-', 'bytes 0-5'])(
    'ignores the Range %j and answers 200 with the whole file',
    async (range) => {
      const response = await get({ Range: range });
      expect(response.status).toBe(200);
      expect(response.body.equals(content)).toBe(true);
    },
  );

  it('honours If-Range with the current ETag and ignores the Range with another', async () => {
    const { headers } = await get({ Range: 'bytes=0-9' });
    const etag = headers.get('etag')!;
    expect((await get({ Range: 'bytes=0-9', 'If-Range': etag })).status).toBe(206);
    const stale = await get({ Range: 'bytes=0-9', 'If-Range': '"0xDEADBEEF"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(content)).toBe(true);
  });

  it('honours If-Range with the Last-Modified date', async () => {
    const { headers } = await get({ Range: 'bytes=0-9' });
    expect((await get({ Range: 'bytes=0-9', 'If-Range': headers.get('last-modified')! })).status).toBe(206);
    expect((await get({ Range: 'bytes=0-9', 'If-Range': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const { headers } = await get({ Range: 'bytes=0-0' });
    const response = await get({ 'If-None-Match': headers.get('etag')! });
    expect(response.status).toBe(304);
    expect(response.body.length).toBe(0);
  });

  it('answers 304 to If-None-Match with the current ETag also for a Range, and streams as usual for a stale one', async () => {
    const { headers } = await get({ Range: 'bytes=0-0' });
    expect((await get({ Range: 'bytes=0-99', 'If-None-Match': headers.get('etag')! })).status).toBe(304);
    const stale = await get({ Range: 'bytes=0-99', 'If-None-Match': '"0xDEADBEEF"' });
    expect(stale.status).toBe(206);
    expect(stale.body.equals(content.subarray(0, 100))).toBe(true);
  });

  it.each(['bytes=20000-', 'bytes=-500', 'bytes=9500-'])(
    'answers 200 with the whole file when If-Range does not match (%s)',
    async (range) => {
      const response = await get({ Range: range, 'If-Range': '"0xDEADBEEF"' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-range')).toBeNull();
      expect(response.body.equals(content)).toBe(true);
    },
  );

  it.each([
    ['the whole file', 1, {}],
    ['a closed range', 1, { Range: 'bytes=100-199' }],
    ['an open range', 1, { Range: 'bytes=100-' }],
    ['a range with a matching If-Range', 1, { Range: 'bytes=100-199', 'If-Range': 'CURRENT' }],
    ['a suffix range (the size comes first)', 2, { Range: 'bytes=-100' }],
  ])('answers %s with %i storage request(s), no separate properties call', async (_label, requests, headers: Record<string, string>) => {
    const { headers: current } = await get({ Range: 'bytes=0-0' });
    const resolved = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, value === 'CURRENT' ? current.get('etag')! : value]),
    );
    server.storageProxy.resetCounters();
    const response = await get(resolved);
    expect(response.status).toBe('Range' in headers ? 206 : 200);
    expect(server.storageProxy.requests).toHaveLength(requests);
  });

  it('serves the new content with its new validators when the recording was replaced between requests', async () => {
    const replaced = recordingName('Test Room', '2026-11-24T101500', 'RM_replaced');
    const key = `recordings/${replaced}`;
    const replacedUrl = `${server.url}/recordings/${encodeURIComponent(replaced)}`;
    await putBlob(server.container, key, 2000);
    const first = await fetch(replacedUrl, { headers: { ...cookie, Range: 'bytes=0-9' } });
    await first.arrayBuffer();
    const oldEtag = first.headers.get('etag')!;
    const newContent = await putBlob(server.container, key, 3000);

    const resumed = await fetch(replacedUrl, { headers: { ...cookie, Range: 'bytes=1000-1009', 'If-Range': oldEtag } });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('etag')).not.toBe(oldEtag);
    expect(Buffer.from(await resumed.arrayBuffer()).equals(newContent)).toBe(true);

    const ranged = await fetch(replacedUrl, { headers: { ...cookie, Range: 'bytes=2990-' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 2990-2999/3000');
    expect(Buffer.from(await ranged.arrayBuffer()).equals(newContent.subarray(2990))).toBe(true);
    expect((await fetch(replacedUrl, { headers: { ...cookie, 'If-None-Match': oldEtag } })).status).toBe(200);
  });

  it('serves a player reading on with open ranges byte for byte, one storage request per portion', async () => {
    const played = recordingName('Test Room', '2026-11-25T101500', 'RM_played');
    const bytes = await putBlob(server.container, `recordings/${played}`, SIZE);
    const playedUrl = `${server.url}/recordings/${encodeURIComponent(played)}`;
    server.storageProxy.resetCounters();
    const received: Buffer[] = [];
    for (let start = 0; start < SIZE; start += PORTION) {
      const response = await fetch(playedUrl, { headers: { ...cookie, Range: `bytes=${start}-` } });
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${start + PORTION - 1}/${SIZE}`);
      received.push(Buffer.from(await response.arrayBuffer()));
    }
    expect(Buffer.concat(received).equals(bytes)).toBe(true);
    // Each asks storage for its portion only: nothing is read that the player did not ask for.
    expect(server.storageProxy.requests.map((request) => request.range)).toEqual(
      Array.from({ length: SIZE / PORTION }, (_, index) => `bytes=${index * PORTION}-${(index + 1) * PORTION - 1}`),
    );
  });

  it('answers HEAD with the same headers and no body, downloading nothing from storage', async () => {
    server.storageProxy.resetCounters();
    const whole = await get({}, 'HEAD');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(SIZE));
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.body.length).toBe(0);
    const partial = await get({ Range: 'bytes=-500' }, 'HEAD');
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 9500-9999/${SIZE}`);
    expect(partial.headers.get('content-length')).toBe('500');
    // Only the two property lookups crossed the proxy, not the 10 000 bytes of content.
    expect(server.storageProxy.upstreamBytes).toBeLessThan(4000);
  });

  it('sends Content-Disposition attachment with ?download=1', async () => {
    const response = await fetch(`${url()}?download=1`, { headers: cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
  });

  it('answers 400 for a bad download flag', async () => {
    expect((await requestJson(`${url()}?download=maybe`, { headers: cookie })).status).toBe(400);
  });

  it('streams a name in another script, URL-encoded', async () => {
    const other = recordingName('会议室 A');
    const bytes = await putBlob(server.container, `recordings/${other}`, 300);
    const response = await fetch(`${server.url}/recordings/${encodeURIComponent(other)}`, { headers: cookie });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(other)}`);
  });

  it('answers 404 with an errorMessage for an unknown recording', async () => {
    const response = await requestJson(`${server.url}/recordings/${encodeURIComponent(recordingName('Nowhere'))}`, { headers: cookie });
    expect(response).toMatchObject({ status: 404, body: { errorMessage: 'Recording not found' } });
  });

  it('answers 200 with an empty body for an empty file, and 416 for any range of it', async () => {
    const empty = recordingName('Empty', '2026-01-01T000000');
    await putBlob(server.container, `recordings/${empty}`, Buffer.alloc(0));
    const whole = await fetch(`${server.url}/recordings/${encodeURIComponent(empty)}`, { headers: cookie });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('0');
    const ranged = await fetch(`${server.url}/recordings/${encodeURIComponent(empty)}`, { headers: { ...cookie, Range: 'bytes=0-' } });
    expect(ranged.status).toBe(416);
    expect(ranged.headers.get('content-range')).toBe('bytes */0');
  });
});
