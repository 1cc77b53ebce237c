import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { roomAuth } from './support/credentials';
import { requestJson } from './support/http';
import { startTestServer, TestServer } from './support/test-server';

describe('the server around the API', () => {
  let server: TestServer;
  const webRoot = mkdtempSync(join(tmpdir(), 'web-root-'));

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>SPA</title>');
    writeFileSync(join(webRoot, 'main-ABCD1234.js'), 'console.log(1)');
    server = await startTestServer({ WEB_ROOT: webRoot, LIVEKIT_PUBLIC_URL: 'wss://livekit.example.com' });
  });
  afterAll(() => server.close());

  describe('health', () => {
    it('answers liveness with 200', async () => {
      expect(await requestJson(`${server.url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    });

    it('answers readiness with 200 when the container and LiveKit answer', async () => {
      const response = await requestJson(`${server.url}/health/ready`);
      expect(response).toMatchObject({
        status: 200,
        body: { status: 'ok', info: { storage: { status: 'up' }, livekit: { status: 'up' } } },
      });
    });
  });

  it('tells the SPA where LiveKit is for browsers', async () => {
    expect(await requestJson(`${server.url}/config`)).toEqual(
      expect.objectContaining({ status: 200, body: { livekitUrl: 'wss://livekit.example.com', recordingsPlayback: 'proxy' } }),
    );
  });

  describe('the SPA on the same port', () => {
    const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

    it.each(['/', '/room/Test%20Room', '/recordings.html'])('serves index.html for %s', async (path) => {
      const response = await fetch(`${server.url}${path}`, { headers: html });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>SPA</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    });

    it('serves hashed bundles with a long cache lifetime', async () => {
      const response = await fetch(`${server.url}/main-ABCD1234.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toContain('immutable');
    });

    it('never answers a route of any controller with the SPA, whatever the browser accepts', async () => {
      const document = (await requestJson<{ paths: Record<string, unknown> }>(`${server.url}/api/docs-json`)).body;
      const paths = Object.keys(document.paths).map((path) => path.replace(/\{[^}]+\}/g, 'RoomComposite-a-2026-11-23T101500-RM_x.mp4'));
      expect(paths.length).toBeGreaterThan(5);
      for (const path of [...paths, '/recordings/nested/x.mp4', '/api/nothing']) {
        const response = await fetch(`${server.url}${path}`, { headers: html });
        expect({ path, type: response.headers.get('content-type') }).toEqual({ path, type: expect.stringMatching(/json/) });
        await response.body?.cancel();
      }
    });

    it('answers API paths with JSON even when a browser asks for HTML', async () => {
      const response = await fetch(`${server.url}/recordings`, { headers: { ...html, ...roomAuth('Test Room') } });
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual({ recordings: [] });
    });
  });

  describe('errors', () => {
    // A known path asked with another method is 405 (see openapi.integration.spec.ts): POST /recordings, PUT /token,
    // DELETE /health and GET /recordings/start (start's path, no recording named "start") answered 404 or 400 before.
    it.each([
      ['GET', '/nope', 404],
      ['GET', '/api/nothing', 404],
      ['POST', '/recordings', 405],
      ['PUT', '/token', 405],
      ['DELETE', '/health', 405],
      ['GET', '/recordings/start', 405],
      ['GET', '/recordings/nested/x.mp4', 400],
    ])('answers %s %s with JSON %i and an errorMessage', async (method, path, status) => {
      const response = await requestJson(`${server.url}${path}`, { method });
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ errorMessage: expect.any(String) });
    });

    it('answers an unknown non-HTML GET with a JSON 404', async () => {
      const response = await requestJson(`${server.url}/missing.js`);
      expect(response).toMatchObject({ status: 404, body: { errorMessage: 'No API route for GET /missing.js' } });
    });

    it('sends security headers and no X-Powered-By', async () => {
      const response = await fetch(`${server.url}/config`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('API documentation of access', () => {
    type Operation = { responses: Record<string, unknown>; security?: Array<Record<string, unknown>> };
    let document: {
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, { type: string; in?: string; scheme?: string }> };
    };
    beforeAll(async () => (document = (await requestJson<typeof document>(`${server.url}/api/docs-json`)).body));

    it('declares the security schemes: bearer token, the two cookies, share tokens', () => {
      expect(document.components.securitySchemes).toEqual({
        bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
        recording_access: expect.objectContaining({ type: 'apiKey', in: 'cookie' }),
        recording_operator: expect.objectContaining({ type: 'apiKey', in: 'cookie' }),
        share: expect.objectContaining({ type: 'apiKey', in: 'query' }),
      });
    });

    it.each([
      ['/recordings/start', 'post', ['401', '403', '429'], false],
      ['/recordings/stop', 'post', ['401', '403', '429'], false],
      ['/recordings', 'get', ['401', '429'], false],
      ['/recordings/{recordingName}', 'get', ['401', '404'], true],
      ['/recordings/{recordingName}/url', 'get', ['401', '404'], false],
      ['/recordings/{recordingName}', 'delete', ['401', '404', '429'], false],
      ['/recordings/{recordingName}/share', 'post', ['401', '404', '429'], false],
      ['/recordings/{recordingName}/share', 'delete', ['401', '404', '429'], false],
    ])('documents %s %s: its credentials and its %j answers', (path, method, statuses, share) => {
      const operation = document.paths[path][method];
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
      const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)).sort();
      expect(schemes).toEqual(['bearer', 'recording_access', 'recording_operator', ...(share ? ['share'] : [])].sort());
    });

    it('names the credentials of every /recordings operation: a new endpoint there cannot be left open by accident', () => {
      const operations = Object.entries(document.paths)
        .filter(([path]) => path.startsWith('/recordings'))
        .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
      expect(operations.length).toBeGreaterThanOrEqual(8);
      for (const { path, method, operation } of operations) {
        expect({ path, method, secured: (operation.security ?? []).length > 0, answers401: '401' in operation.responses }).toEqual({
          path,
          method,
          secured: true,
          answers401: true,
        });
      }
    });

    it.each([
      ['/token', 'post'],
      ['/auth/operator', 'post'],
    ])('documents the 429 of %s %s, which stays open', (path, method) => {
      expect(Object.keys(document.paths[path][method].responses)).toContain('429');
      expect(document.paths[path][method].security).toBeUndefined();
    });
  });

  describe('API documentation', () => {
    it('serves Swagger UI at /api/docs', async () => {
      const response = await fetch(`${server.url}/api/docs`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('swagger');
    });

    it('documents every endpoint of the contract with schemas in /api/docs-json', async () => {
      const document = (
        await requestJson<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>(
          `${server.url}/api/docs-json`,
        )
      ).body;
      expect(Object.keys(document.paths).sort()).toEqual(
        [
          '/auth/logout',
          '/auth/operator',
          '/auth/session',
          '/config',
          '/health',
          '/health/ready',
          '/livekit/webhook',
          '/recordings',
          '/recordings/layout',
          '/recordings/start',
          '/recordings/stop',
          '/recordings/{recordingName}',
          '/recordings/{recordingName}/poster',
          '/recordings/{recordingName}/share',
          '/recordings/{recordingName}/url',
          '/shared/{token}',
          '/shared/{token}/poster',
          '/token',
        ].sort(),
      );
      expect(Object.keys(document.paths['/recordings/{recordingName}']).sort()).toEqual(['delete', 'get']);
      expect(document.components.schemas).toEqual(
        expect.objectContaining({
          ErrorResponseDto: expect.anything(),
          TokenRequestDto: expect.anything(),
          StartRecordingResponseDto: expect.anything(),
          ListRecordingsResponseDto: expect.anything(),
          PlaybackUrlResponseDto: expect.anything(),
        }),
      );
    });
  });
});
