import { PlaybackUrlResponse } from '@recording/contracts';

import { operatorAuth } from './support/credentials';
import { requestJson } from './support/http';
import { putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

type UrlBody = PlaybackUrlResponse & { errorMessage?: string };
const OPERATOR_SECRET = 'playback-operator-secret-0123';

/** The CSP of an answer, directive by directive. */
function csp(response: Response): Record<string, string[]> {
  return Object.fromEntries(
    (response.headers.get('content-security-policy') ?? '').split(/;\s*/).map((directive) => {
      const [name, ...values] = directive.split(' ');
      return [name, values];
    }),
  );
}

describe('GET /recordings/:name/url (direct playback)', () => {
  let server: TestServer;
  let operator: Record<string, string>;
  let content: Buffer;
  const name = recordingName('Direct Room', '2026-11-23T101500', 'RM_direct');
  const urlOf = (recording: string, query = '') =>
    requestJson<UrlBody>(`${server.url}/recordings/${encodeURIComponent(recording)}/url${query}`, { headers: operator });

  beforeAll(async () => {
    server = await startTestServer({ OPERATOR_SECRET, PLAYBACK_URL_TTL: '5m', RECORDINGS_PLAYBACK: 'direct' });
    operator = await operatorAuth(server.url, OPERATOR_SECRET);
    content = await putBlob(server.container, `recordings/${name}`, 5000);
    await putBlob(server.container, `recordings/${recordingName('Other Room', '2026-11-23T101500', 'RM_other')}`, 100);
  });
  afterAll(() => server.close());

  it('answers a read-only SAS URL of that one blob, valid for PLAYBACK_URL_TTL from a minute ago, that storage serves with Range', async () => {
    const before = Date.now();
    const response = await urlOf(name);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { url, expiresAt } = response.body;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 5 * 60_000);

    const sas = new URL(url).searchParams;
    expect(new URL(url).pathname).toBe(`/devstoreaccount1/recordings-test/recordings/${encodeURIComponent(name)}`);
    expect(sas.get('sp')).toBe('r');
    expect(sas.get('sr')).toBe('b');
    expect(sas.get('spr')).toBe('https,http');
    expect(Date.parse(sas.get('st')!)).toBeLessThanOrEqual(before - 55_000);
    expect(Math.abs(Date.parse(sas.get('se')!) - expiresAt)).toBeLessThan(1000);

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(content)).toBe(true);
    expect(whole.headers.get('content-disposition')).toBe(`inline; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    const ranged = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(content.subarray(100, 200))).toBe(true);
  });

  it('signs for reading that blob only: no writing, no deleting, no other blob', async () => {
    const { url } = (await urlOf(name)).body;
    expect((await fetch(url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'overwritten' })).status).toBe(403);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(403);
    const other = new URL(url);
    other.pathname = other.pathname.replace(
      encodeURIComponent(name),
      encodeURIComponent(recordingName('Other Room', '2026-11-23T101500', 'RM_other')),
    );
    expect((await fetch(other)).status).toBe(403);
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(content)).toBe(true);
  });

  it('names the file as an attachment with ?download=1 (rscd)', async () => {
    const { url } = (await urlOf(name, '?download=1')).body;
    expect(new URL(url).searchParams.get('rscd')).toMatch(/^attachment; filename="/);
    const response = await fetch(url);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    await response.arrayBuffer();
  });

  it.each([
    ['an invalid name', 'RoomComposite-x.mp4', '', 400],
    ['a bad download flag', name, '?download=maybe', 400],
    ['an unknown recording', recordingName('Direct Room', '2026-11-24T101500', 'RM_direct'), '', 404],
  ])('answers %s like the stream does', async (_label, recording, query, status) => {
    const response = await urlOf(recording, query);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ errorMessage: expect.any(String) });
  });

  it('tells the SPA to play through these URLs, and lets its CSP play from the blob endpoint', async () => {
    const response = await fetch(`${server.url}/config`);
    expect(await response.json()).toEqual(expect.objectContaining({ recordingsPlayback: 'direct' }));
    const blobOrigin = new URL((await urlOf(name)).body.url).origin;
    expect(csp(response)['media-src']).toEqual(["'self'", 'blob:', blobOrigin]);
  });
});
