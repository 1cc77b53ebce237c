import { roomAuth } from './support/credentials';
import { requestJson } from './support/http';
import { allKeys, blobExists, putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

describe('DELETE /recordings/:name', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());
  beforeEach(() => server.emulator.reset());

  /** With a credential for the recording's room ('Alpha' for the names that name none). */
  const auth = (encodedName: string) => roomAuth(/^RoomComposite-([^/]+)-\d{4}-/.exec(decodeURIComponent(encodedName))?.[1] ?? 'Alpha');
  const remove = (encodedName: string) =>
    requestJson(`${server.url}/recordings/${encodedName}`, { method: 'DELETE', headers: auth(encodedName) });

  it('deletes the recording and tells the room', async () => {
    const name = recordingName('Test Room', '2026-11-23T101500', 'RM_del1');
    await putBlob(server.container, `recordings/${name}`);
    server.emulator.addParticipant('Test Room', 'alice');
    const response = await remove(encodeURIComponent(name));
    expect(response).toMatchObject({ status: 200, body: { message: 'Recording deleted' } });
    expect(await blobExists(server.container, `recordings/${name}`)).toBe(false);
    await expect(waitForData(server, (payload) => payload.includes('recording_deleted'))).resolves.toContain(name);
  });

  it('answers 404 for an unknown recording, and for one deleted twice', async () => {
    const name = recordingName('Twice', '2026-11-23T101500', 'RM_twice');
    await putBlob(server.container, `recordings/${name}`);
    expect((await remove(encodeURIComponent(name))).status).toBe(200);
    expect(await remove(encodeURIComponent(name))).toMatchObject({ status: 404, body: { errorMessage: 'Recording not found' } });
  });

  it('answers 409 while that recording is still being written, and deletes nothing', async () => {
    server.emulator.addParticipant('Live Room', 'alice');
    const started = await requestJson<{ recording: { name: string } }>(`${server.url}/recordings/start`, {
      method: 'POST',
      body: { roomName: 'Live Room' },
      headers: roomAuth('Live Room'),
    });
    const name = started.body.recording.name;
    const response = await remove(encodeURIComponent(name));
    expect(response.status).toBe(409);
    expect(response.body.errorMessage).toMatch(/still being written/);
    // Ended, so that no reconciler sweep takes the room's lock (a blob) while later tests compare the container.
    await requestJson(`${server.url}/recordings/stop`, { method: 'POST', body: { roomName: 'Live Room' }, headers: roomAuth('Live Room') });
  });

  describe('never reaches a blob outside RECORDINGS_PATH or that is not one of our MP4s', () => {
    const victims = [
      'secret.txt',
      'recordings/EG_abc.json',
      recordingName('Alpha'),
      'other/' + recordingName('Alpha'),
      'recordings/sub/' + recordingName('Alpha'),
    ];
    beforeAll(async () => {
      for (const key of victims) await putBlob(server.container, key, 10);
      // The recording started above still sends webhooks, whose handling takes (creates) its room's lock blob.
      await server.emulator.webhooksIdle();
    });

    it.each([
      ['a traversal', '..%2Fsecret.txt'],
      ['a double-encoded traversal', '..%252Fsecret.txt'],
      ['an encoded slash into a subfolder', `sub%2F${encodeURIComponent(recordingName('Alpha'))}`],
      ['a traversal out of the path', `..%2F${encodeURIComponent(recordingName('Alpha'))}`],
      ['another folder', `..%2Fother%2F${encodeURIComponent(recordingName('Alpha'))}`],
      ['a JSON manifest', 'EG_abc.json'],
      ['a backslash', `..%5Csecret.txt`],
      ['a real slash', `sub/${encodeURIComponent(recordingName('Alpha'))}`],
      ['a name that does not parse', 'RoomComposite-x.mp4'],
      ['a name with an invalid room part', encodeURIComponent('RoomComposite- x-2026-11-23T101500-RM_a.mp4')],
    ])('DELETE with %s is 400 and touches nothing', async (_label, path) => {
      const before = await allKeys(server.container);
      const response = await remove(path);
      expect(response.status).toBe(400);
      expect(response.body.errorMessage).toBe('Invalid recording name');
      expect(await allKeys(server.container)).toEqual(before);
    });

    it.each([
      ['a traversal', '..%2Fsecret.txt'],
      ['an encoded slash into a subfolder', `sub%2F${encodeURIComponent(recordingName('Alpha'))}`],
      ['a JSON manifest', 'EG_abc.json'],
      ['a real slash', `sub/${encodeURIComponent(recordingName('Alpha'))}`],
    ])('GET and HEAD with %s are 400', async (_label, path) => {
      expect((await requestJson(`${server.url}/recordings/${path}`, { headers: roomAuth('Alpha') })).status).toBe(400);
      expect((await fetch(`${server.url}/recordings/${path}`, { method: 'HEAD', headers: roomAuth('Alpha') })).status).toBe(400);
    });

    it('answers 400 for a malformed percent-encoding', async () => {
      const response = await requestJson(`${server.url}/recordings/%E0%A4%A`, { headers: roomAuth('Alpha') });
      expect(response.status).toBe(400);
    });
  });
});

async function waitForData(server: TestServer, match: (payload: string) => boolean): Promise<string> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const packet = server.emulator.sentData.find((p) => match(p.payload));
    if (packet) return packet.payload;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('No matching data packet');
}
