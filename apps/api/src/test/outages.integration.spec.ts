import { roomAuth } from './support/credentials';
import { postJson, requestJson } from './support/http';
import { putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

describe('when LiveKit or the storage is down', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());
  afterEach(async () => {
    await server.emulator.setOutage('none');
    server.emulator.setStartFailure('none');
    server.storageProxy.restore();
    server.emulator.reset();
  });

  const start = (roomName: string) => postJson(`${server.url}/recordings/start`, { roomName }, roomAuth(roomName));

  describe('LiveKit', () => {
    it('answers 503 when LiveKit refuses connections, and recovers without a restart', async () => {
      server.emulator.addParticipant('Outage Room', 'alice');
      await server.emulator.setOutage('refuse');
      const down = await start('Outage Room');
      expect(down.status).toBe(503);
      expect(down.body.errorMessage).toMatch(/LiveKit server at http:\/\/127\.0\.0\.1:\d+ is unreachable/);
      const ready = await requestJson(`${server.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.errorMessage).toMatch(/livekit is down/);

      await server.emulator.setOutage('none');
      server.emulator.addParticipant('Outage Room', 'alice');
      expect((await start('Outage Room')).status).toBe(200);
      expect((await requestJson(`${server.url}/health/ready`)).status).toBe(200);
    });

    it('answers 503 when LiveKit answers "unavailable"', async () => {
      server.emulator.addParticipant('Busy Workers', 'alice');
      await server.emulator.setOutage('unavailable');
      const response = await start('Busy Workers');
      expect(response.status).toBe(503);
      expect(response.body.errorMessage).toMatch(/LiveKit is unavailable/);
    });

    it('answers 503 when no egress worker takes the recording', async () => {
      server.emulator.addParticipant('No Workers', 'alice');
      server.emulator.setStartFailure('no_workers');
      const response = await start('No Workers');
      expect(response.status).toBe(503);
      expect(response.body.errorMessage).toMatch(/could not start the recording/);
    });

    it('answers 503 saying what to start when LiveKit has no Egress at all (a dev server without Redis) and RECORDER=egress', async () => {
      server.emulator.addParticipant('No Redis', 'alice');
      server.emulator.setStartFailure('not_connected');
      const response = await start('No Redis');
      expect(response.status).toBe(503);
      expect(response.body.errorMessage).toMatch(/^Recording needs LiveKit Egress.*docker compose up -d redis egress$/);
    });

    it('gives up on a LiveKit that never answers (5 s request timeout) with 503', async () => {
      server.emulator.addParticipant('Hang Room', 'alice');
      await server.emulator.setOutage('hang');
      const started = Date.now();
      const response = await start('Hang Room');
      expect(response.status).toBe(503);
      // The SDK's request timeout is 5 s; the request must not hang with LiveKit.
      expect(Date.now() - started).toBeLessThan(9_000);
    }, 15_000);
  });

  describe('storage', () => {
    it('answers 503 JSON while the storage is unreachable, readiness names it, and everything recovers', async () => {
      const name = recordingName('Storage Room');
      await putBlob(server.container, `recordings/${name}`, 100);
      server.storageProxy.cutConnections();

      const auth = roomAuth('Storage Room');
      const list = await requestJson(`${server.url}/recordings`, { headers: auth });
      expect(list.status).toBe(503);
      expect(list.body.errorMessage).toMatch(/Recording storage is unavailable/);
      const stream = await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}`, { headers: auth });
      expect(stream.status).toBe(503);
      const removal = await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}`, { method: 'DELETE', headers: auth });
      expect(removal.status).toBe(503);
      const ready = await requestJson(`${server.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.body.errorMessage).toMatch(/storage is down/);
      expect((await requestJson(`${server.url}/health`)).status).toBe(200);

      server.storageProxy.restore();
      expect((await requestJson(`${server.url}/recordings`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`, { headers: auth })).status).toBe(200);
      expect((await requestJson(`${server.url}/health/ready`)).status).toBe(200);
    });

    it('ends only the affected response when the storage fails mid-stream', async () => {
      const name = recordingName('Midstream Room');
      await putBlob(server.container, `recordings/${name}`, 24 * 1024 * 1024);
      const response = await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`, { headers: roomAuth('Midstream Room') });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      let received = (await reader.read()).value?.length ?? 0;
      server.storageProxy.cutConnections();
      await expect(
        (async () => {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return received;
            received += value.length;
          }
        })(),
      ).rejects.toThrow();
      expect(received).toBeLessThan(24 * 1024 * 1024);

      server.storageProxy.restore();
      const next = await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`, {
        headers: { ...roomAuth('Midstream Room'), Range: 'bytes=0-9' },
      });
      expect(next.status).toBe(206);
      expect((await next.arrayBuffer()).byteLength).toBe(10);
    });

    it('stops pulling from the storage when the client goes away', async () => {
      const size = 48 * 1024 * 1024;
      const name = recordingName('Abort Room');
      await putBlob(server.container, `recordings/${name}`, size);
      server.storageProxy.resetCounters();
      const controller = new AbortController();
      const response = await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`, {
        signal: controller.signal,
        headers: roomAuth('Abort Room'),
      });
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const pulled = server.storageProxy.upstreamBytes;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(server.storageProxy.upstreamBytes).toBe(pulled);
      expect(pulled).toBeLessThan(size / 2);
      // The server is fine and serves the next request.
      expect((await requestJson(`${server.url}/health`)).status).toBe(200);
    });
  });
});

describe('RECORDER=auto (the default)', () => {
  let server: TestServer;
  // No Chromium where the embedded recorder looks for it: what a machine without the recorder's tools answers.
  beforeAll(async () => (server = await startTestServer({ RECORDER: 'auto', CHROMIUM_PATH: '/nonexistent/chromium' })));
  afterAll(() => server.close());
  beforeEach(() => server.emulator.reset());
  const start = (roomName: string) =>
    postJson<{ errorMessage?: string }>(`${server.url}/recordings/start`, { roomName }, roomAuth(roomName));

  it("records with the embedded recorder when LiveKit says it has no Egress, which says what to install when it can't", async () => {
    server.emulator.addParticipant('Fallback Room', 'alice');
    server.emulator.setStartFailure('not_connected');
    const response = await start('Fallback Room');
    expect(response.status).toBe(503);
    expect(response.body.errorMessage).toMatch(
      /^The embedded recorder needs Chromium and ffmpeg: .*Install them with: apt-get install -y --no-install-recommends chromium ffmpeg$/,
    );
    expect(server.emulator.listEgresses({ roomName: 'Fallback Room' })).toEqual([]);
  });

  it('never falls back when LiveKit is unreachable: 503 for LiveKit', async () => {
    server.emulator.addParticipant('Down Room', 'alice');
    await server.emulator.setOutage('refuse');
    try {
      const response = await start('Down Room');
      expect(response.status).toBe(503);
      expect(response.body.errorMessage).toMatch(/LiveKit/);
      expect(response.body.errorMessage).not.toMatch(/embedded recorder/);
    } finally {
      await server.emulator.setOutage('none');
    }
  });

  it('records with Egress when LiveKit has one', async () => {
    server.emulator.addParticipant('Egress Room', 'alice');
    expect((await start('Egress Room')).status).toBe(200);
    expect(server.emulator.listEgresses({ roomName: 'Egress Room' })).toHaveLength(1);
  });
});
