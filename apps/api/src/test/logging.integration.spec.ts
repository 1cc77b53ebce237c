import { AZURITE_ACCOUNT_KEY } from '@recording/embedded-azurite';

import { cookieHeader, roomAuth } from './support/credentials';
import { requestJson } from './support/http';
import { LogCapture } from './support/log-capture';
import { API_SECRET, startTestServer, TestServer } from './support/test-server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The server's log, captured through HTTP traffic against the real app (LOG_FORMAT=json, LOG_LEVEL=debug). */
describe('structured logs', () => {
  let server: TestServer;
  const log = new LogCapture();

  beforeAll(async () => (server = await startTestServer({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }, { logDestination: log })));
  afterAll(() => server.close());
  beforeEach(() => server.emulator.reset());

  it('writes one line per request with method, path, route, status, duration and the request id it returns', async () => {
    const response = await requestJson(`${server.url}/recordings/RoomComposite-Daily-2026-11-23T101500-RM_abc123.mp4`, {
      headers: roomAuth('Daily'),
    });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    const line = await log.waitFor((candidate) => candidate.requestId === requestId && 'durationMs' in candidate);
    expect(line).toMatchObject({
      level: 30,
      msg: 'GET /recordings/RoomComposite-Daily-2026-11-23T101500-RM_abc123.mp4 404',
      method: 'GET',
      path: '/recordings/RoomComposite-Daily-2026-11-23T101500-RM_abc123.mp4',
      route: '/recordings/:recordingName',
      status: 404,
      durationMs: expect.any(Number),
    });
    expect(log.ofRequest(requestId).filter((candidate) => 'durationMs' in candidate)).toHaveLength(1);
  });

  it('keeps a sane incoming X-Request-Id and replaces one that is not', async () => {
    const kept = await requestJson(`${server.url}/config`, { headers: { 'x-request-id': 'trace-4bf92f35.00f067aa:1' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-4bf92f35.00f067aa:1');
    await log.waitFor((line) => line.requestId === 'trace-4bf92f35.00f067aa:1' && line.status === 200);

    for (const insane of ['<script>alert(1)</script>', 'x'.repeat(129)]) {
      const replaced = await requestJson(`${server.url}/config`, { headers: { 'x-request-id': insane } });
      expect(replaced.headers.get('x-request-id')).toMatch(UUID);
      await log.waitFor((line) => line.requestId === replaced.headers.get('x-request-id') && 'durationMs' in line);
      expect(log.raw).not.toContain(insane);
    }
  });

  it('gives even unreadable bodies and the app files a line and an id', async () => {
    const response = await requestJson(`${server.url}/token`, {
      method: 'POST',
      rawBody: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    const line = await log.waitFor(
      (candidate) => candidate.requestId === response.headers.get('x-request-id') && 'durationMs' in candidate,
    );
    expect(line).toMatchObject({ method: 'POST', path: '/token', status: 400 });
  });

  it('never logs tokens, cookies, SAS signatures, query strings or secrets', async () => {
    const secrets = {
      authorization: 'Bearer BEARER-TOKEN-0f1e2d',
      cookie: 'session=COOKIE-VALUE-9a8b7c',
      sig: 'SAS-SIGNATURE-5d4c3b',
      share: 'SHARE-TOKEN-6e5f4a',
    };
    const listing = await requestJson(`${server.url}/recordings?roomName=Daily&sig=${secrets.sig}&share=${secrets.share}`, {
      headers: { authorization: secrets.authorization, cookie: secrets.cookie },
    });
    const token = await requestJson<{ token: string }>(`${server.url}/token`, {
      method: 'POST',
      body: { roomName: 'Daily', participantName: 'Ada' },
      headers: { cookie: secrets.cookie },
    });
    const forged = await requestJson(`${server.url}/livekit/webhook`, {
      method: 'POST',
      rawBody: '{"event":"egress_ended"}',
      headers: { 'content-type': 'application/webhook+json', authorization: 'FORGED-WEBHOOK-JWT-1a2b3c' },
    });
    const watchToken = 'eyJyIjoiUm9vbUNvbXBvc2l0ZSJ9.WATCH-TOKEN-7c6b5a0000000000000000000000000000000';
    const watch = await requestJson(`${server.url}/watch/${watchToken}`);
    // The Bearer token is not one of ours: refused (and the refusal logged without it).
    expect([listing.status, token.status, forged.status, watch.status]).toEqual([401, 200, 401, 404]);
    await log.waitFor((line) => line.event === 'credential.refused' && line.credential === 'bearer');
    expect(await log.waitFor((line) => line.requestId === listing.headers.get('x-request-id') && 'durationMs' in line)).toMatchObject({
      path: '/recordings',
    });
    await log.waitFor((line) => line.requestId === forged.headers.get('x-request-id') && 'durationMs' in line);

    for (const secret of [
      ...Object.values(secrets),
      'COOKIE-VALUE',
      'FORGED-WEBHOOK-JWT',
      token.body.token,
      cookieHeader(token.headers).split('=')[1],
      'WATCH-TOKEN',
      API_SECRET,
      AZURITE_ACCOUNT_KEY,
    ]) {
      expect(log.raw).not.toContain(secret);
    }
    expect(log.raw).not.toContain('roomName=Daily');
  });

  it("carries the request id into the error filter's line for a refused webhook", async () => {
    const response = await requestJson(`${server.url}/livekit/webhook`, {
      method: 'POST',
      rawBody: '{"event":"egress_ended"}',
      headers: { 'content-type': 'application/webhook+json' },
    });
    const requestId = response.headers.get('x-request-id');
    await log.waitFor((line) => line.requestId === requestId && 'durationMs' in line);
    expect(log.ofRequest(requestId)).toEqual([
      expect.objectContaining({ level: 40, event: 'webhook.refused', status: 401, context: 'HTTP' }),
      expect.objectContaining({ level: 30, status: 401, route: '/livekit/webhook' }),
    ]);
  });

  it('logs LiveKit unreachable once, with the room and the request id', async () => {
    await server.emulator.setOutage('unavailable');
    try {
      const response = await requestJson(`${server.url}/recordings/start`, {
        method: 'POST',
        body: { roomName: 'Outage Room' },
        headers: roomAuth('Outage Room'),
      });
      expect(response.status).toBe(503);
      const requestId = response.headers.get('x-request-id');
      await log.waitFor((line) => line.requestId === requestId && 'durationMs' in line);
      const events = log.ofRequest(requestId).filter((line) => line.event !== undefined);
      expect(events).toEqual([
        expect.objectContaining({ level: 40, event: 'upstream.unavailable', upstream: 'livekit', room: 'Outage Room', status: 503 }),
      ]);
      expect(log.requestLine(requestId)).toMatchObject({ level: 40, status: 503 });
    } finally {
      await server.emulator.setOutage('none');
    }
  });

  it('logs what happened to a recording: started, stopped, saved and deleted, with room, recording, egress id, actor and outcome', async () => {
    server.emulator.addParticipant('Log Room', 'ada');
    const started = await requestJson<{ recording: { name: string } }>(`${server.url}/recordings/start`, {
      method: 'POST',
      body: { roomName: 'Log Room' },
      headers: roomAuth('Log Room', { name: 'Ada' }),
    });
    expect(started.status).toBe(200);
    const name = started.body.recording.name;
    const [egress] = server.emulator.listEgresses({ roomName: 'Log Room' });
    const subject = { room: 'Log Room', recording: name, egressId: egress.egressId };
    expect(log.ofRequest(started.headers.get('x-request-id'))).toContainEqual(
      expect.objectContaining({ event: 'recording.started', ...subject, actor: 'Ada', outcome: 'started', msg: 'Recording started' }),
    );

    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ACTIVE']);
    const stopped = await requestJson(`${server.url}/recordings/stop`, {
      method: 'POST',
      body: { roomName: 'Log Room' },
      headers: roomAuth('Log Room', { name: 'Bo' }),
    });
    expect(log.ofRequest(stopped.headers.get('x-request-id'))).toContainEqual(
      expect.objectContaining({ event: 'recording.stopped', ...subject, actor: 'Bo', outcome: 'stopped' }),
    );

    const saved = await log.waitFor((line) => line.event === 'recording.completed', 15_000);
    expect(saved).toMatchObject({ ...subject, level: 30, requestId: expect.any(String) });
    await server.emulator.webhooksIdle();
    expect(log.lines.filter((line) => line.event === 'recording.completed')).toHaveLength(1);

    const deleted = await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}`, {
      method: 'DELETE',
      headers: roomAuth('Log Room', { name: 'Cy' }),
    });
    expect(deleted.status).toBe(200);
    expect(log.ofRequest(deleted.headers.get('x-request-id'))).toContainEqual(
      expect.objectContaining({ event: 'recording.deleted', room: 'Log Room', recording: name, actor: 'Cy', outcome: 'deleted' }),
    );
  });

  it('logs the readiness probe at debug level while all is well', async () => {
    const response = await requestJson(`${server.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await log.waitFor((line) => line.requestId === response.headers.get('x-request-id') && 'durationMs' in line)).toMatchObject({
      level: 20,
    });
  });
});
