import { postJson, requestJson } from './support/http';
import { LogCapture } from './support/log-capture';
import { putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

/** Its own file: Nest's logger is process-wide, so the start-up warning is captured from the only app of the file. */
describe('AUTH_MODE=open', () => {
  let server: TestServer;
  const log = new LogCapture();
  beforeAll(
    async () => (server = await startTestServer({ AUTH_MODE: 'open', LOG_FORMAT: 'json', LOG_LEVEL: 'info' }, { logDestination: log })),
  );
  afterAll(() => server.close());

  it('logs a warning at start-up', async () => {
    expect(await log.waitFor((line) => line.event === 'access.open', 2000)).toMatchObject({ level: 40 });
  });

  it('opens every endpoint to anyone and sets no cookie', async () => {
    const name = recordingName('Open Room');
    await putBlob(server.container, `recordings/${name}`, 10);
    expect((await requestJson<{ recordings: unknown[] }>(`${server.url}/recordings`)).body.recordings).toHaveLength(1);
    expect((await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`)).status).toBe(200);
    expect((await postJson(`${server.url}/recordings/${encodeURIComponent(name)}/share`, {})).status).toBe(200);
    expect((await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}`, { method: 'DELETE' })).status).toBe(200);
    const token = await postJson(`${server.url}/token`, { roomName: 'Open Room', participantName: 'Al' });
    expect(token.headers.getSetCookie()).toEqual([]);
    expect((await requestJson(`${server.url}/auth/session`)).body).toEqual({
      mode: 'open',
      operator: false,
      rooms: [],
      operatorSignIn: false,
    });
  });
});
