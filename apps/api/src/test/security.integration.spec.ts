import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { roomAuth } from './support/credentials';
import { postJson, requestJson } from './support/http';
import { startTestServer, TestServer } from './support/test-server';

const LIMIT = 3;

describe('rate limits (RATE_LIMIT per minute per client address)', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer({ RATE_LIMIT: String(LIMIT), OPERATOR_SECRET: 'rate-operator-secret-0123' })));
  afterAll(() => server.close());

  it.each([
    ['POST /token', () => postJson(`${server.url}/token`, { roomName: 'Rate Room', participantName: 'Al' }), 200],
    ['POST /auth/operator', () => postJson(`${server.url}/auth/operator`, { secret: 'wrong-secret-but-long' }), 401],
    ['POST /recordings/start', () => postJson(`${server.url}/recordings/start`, { roomName: 'Rate Room' }, roomAuth('Rate Room')), 409],
    [
      'POST /recordings/stop, refused credentials counted too',
      () => postJson(`${server.url}/recordings/stop`, { roomName: 'Rate Room' }),
      401,
    ],
    [
      'DELETE /recordings/:name',
      () =>
        requestJson(`${server.url}/recordings/RoomComposite-R-2026-11-23T101500-RM_r.mp4`, { method: 'DELETE', headers: roomAuth('R') }),
      404,
    ],
    [
      'POST /recordings/:name/share',
      () => postJson(`${server.url}/recordings/RoomComposite-R-2026-11-23T101500-RM_r.mp4/share`, {}, roomAuth('R')),
      404,
    ],
  ])('%s: the request past the limit gets 429 with Retry-After and an errorMessage', async (_label, send, status) => {
    for (let attempt = 0; attempt < LIMIT; attempt++) expect((await send()).status).toBe(status);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ errorMessage: expect.stringMatching(/^Too many requests/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('gives listings their own, higher budget (5 × RATE_LIMIT), apart from the mutations', async () => {
    const list = () => requestJson(`${server.url}/recordings`, { headers: roomAuth('Lister') });
    for (let attempt = 0; attempt < LIMIT * 5; attempt++) expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('leaves the other reads alone (a player asks for many ranges)', async () => {
    for (let attempt = 0; attempt < LIMIT * 6; attempt++) {
      const name = 'RoomComposite-Reader-2026-11-23T101500-RM_r.mp4';
      expect((await requestJson(`${server.url}/recordings/${name}`, { headers: roomAuth('Reader') })).status).toBe(404);
      expect((await requestJson(`${server.url}/auth/session`)).status).toBe(200);
    }
  });
});

describe('RATE_LIMIT=0', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer({ RATE_LIMIT: '0' })));
  afterAll(() => server.close());

  it('turns the limit off', async () => {
    const responses = await Promise.all(
      Array.from({ length: 150 }, () => postJson(`${server.url}/token`, { roomName: 'Busy Room', participantName: 'Al' })),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const listings = await Promise.all(
      Array.from({ length: 150 }, () => requestJson(`${server.url}/recordings`, { headers: roomAuth('Busy Room') })),
    );
    expect(listings.every((response) => response.status === 200)).toBe(true);
  });
});

describe('security headers, CORS and bounds', () => {
  let server: TestServer;
  const webRoot = mkdtempSync(join(tmpdir(), 'web-root-'));
  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>SPA</title>');
    server = await startTestServer({
      WEB_ROOT: webRoot,
      LIVEKIT_PUBLIC_URL: 'wss://livekit.example.com:7443',
      CORS_ORIGINS: 'https://allowed.example.com',
    });
  });
  afterAll(() => server.close());

  it.each([
    ['an API answer', '/config', {}],
    ['an error', '/recordings', {}],
    ['an SPA page', '/watch/abc.def', { accept: 'text/html' }],
  ])('sends the CSP and the other security headers on %s', async (_label, path, headers) => {
    const response = await fetch(`${server.url}${path}`, { headers });
    const csp = Object.fromEntries(
      (response.headers.get('content-security-policy') ?? '').split(/;\s*/).map((directive) => {
        const [name, ...values] = directive.split(' ');
        return [name, values];
      }),
    );
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'", 'wss://livekit.example.com:7443', 'https://livekit.example.com:7443']);
    expect(csp['media-src']).toEqual(["'self'", 'blob:']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
    await response.body?.cancel();
  });

  /** The sources of one directive of the page's CSP, and the page itself. */
  async function pageCsp(path: string): Promise<{ status: number; body: string; directives: Record<string, string[]> }> {
    const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
    const policy = response.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      policy.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(' ');
        return [name, values];
      }),
    );
    return { status: response.status, body: await response.text(), directives };
  }

  const PUBLIC_SOURCES = ["'self'", 'wss://livekit.example.com:7443', 'https://livekit.example.com:7443'];

  it('lets the recording template connect to the LiveKit server it is handed (an internal address), and no other page', async () => {
    const internal = encodeURIComponent('ws://10.0.3.7:7880');
    const page = await pageCsp(`/recording-template?url=${internal}&token=e.y.j&layout=speaker`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>SPA</title>');
    expect(page.directives['connect-src']).toEqual([...PUBLIC_SOURCES, 'ws://10.0.3.7:7880', 'http://10.0.3.7:7880']);
    // Only connect-src widens: scripts, styles and everything else stay as strict as on any page.
    expect(page.directives['script-src']).toEqual(["'self'"]);
    expect(page.directives['default-src']).toEqual(["'self'"]);
    for (const other of [`/watch/abc.def?url=${internal}`, `/?url=${internal}`]) {
      expect((await pageCsp(other)).directives['connect-src']).toEqual(PUBLIC_SOURCES);
    }
  });

  it.each([
    ['a directive smuggled in the host', "ws://evil.example;script-src 'unsafe-inline'"],
    ['a wildcard', 'wss://*.example.com'],
    ['an https URL', 'https://evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['credentials', 'wss://user:secret@livekit.example.com'],
  ])('gives the recording template the normal policy for a bad url (%s)', async (_label, url) => {
    const page = await pageCsp(`/recording-template?url=${encodeURIComponent(url)}&token=e.y.j`);
    expect(page.status).toBe(200);
    expect(page.directives['connect-src']).toEqual(PUBLIC_SOURCES);
    expect(page.directives['script-src']).toEqual(["'self'"]);
    expect(Object.keys(page.directives)).not.toContain('script-src:7880');
  });

  it('answers CORS only for the origins of CORS_ORIGINS', async () => {
    const allowed = await fetch(`${server.url}/config`, { headers: { origin: 'https://allowed.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example.com');
    const other = await fetch(`${server.url}/config`, { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/recordings/start`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://allowed.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses oversized headers (431) and bodies (413)', async () => {
    const headers = await fetch(`${server.url}/config`, { headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(headers.status).toBe(431);
    const body = await requestJson(`${server.url}/auth/operator`, { method: 'POST', body: { secret: 'x'.repeat(20_000) } });
    expect(body.status).toBe(413);
  });
});

describe('CORS without CORS_ORIGINS', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it('is closed: no Access-Control-Allow-Origin for any origin, preflights included', async () => {
    const response = await fetch(`${server.url}/config`, { headers: { origin: 'https://any.example.com' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://any.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('behind a proxy (TRUST_PROXY)', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer({ TRUST_PROXY: 'loopback' })));
  afterAll(() => server.close());

  it('names the cookies __Host- and marks them Secure when the proxy says the browser came over HTTPS, and reads them back', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const response = await requestJson(`${server.url}/token`, {
      method: 'POST',
      body: { roomName: 'Proxied Room', participantName: 'Al' },
      headers: https,
    });
    const [setCookie] = response.headers.getSetCookie();
    expect(setCookie).toMatch(/^__Host-recording_access=[^;]+; Max-Age=\d+; Path=\/; [^]*; Secure/);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(';', 1)[0];
    const session = await requestJson<{ rooms: string[] }>(`${server.url}/auth/session`, { headers: { ...https, cookie } });
    expect(session.body.rooms).toEqual(['Proxied Room']);
    // A plain-HTTP page cannot plant the cookie an HTTPS request reads.
    const planted = await requestJson<{ rooms: string[] }>(`${server.url}/auth/session`, {
      headers: { ...https, cookie: cookie.replace('__Host-', '') },
    });
    expect(planted.body.rooms).toEqual([]);
  });

  it('counts the rate limit per client address the proxy names', async () => {
    const limited = await startTestServer({ TRUST_PROXY: 'loopback', RATE_LIMIT: '1' });
    try {
      const token = (client: string) =>
        requestJson(`${limited.url}/token`, {
          method: 'POST',
          body: { roomName: 'R', participantName: 'Al' },
          headers: { 'x-forwarded-for': client },
        });
      expect((await token('203.0.113.1')).status).toBe(200);
      expect((await token('203.0.113.2')).status).toBe(200);
      expect((await token('203.0.113.1')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
