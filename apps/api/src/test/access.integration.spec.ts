import { SessionResponse, SHARE_LINK_INVALID_MESSAGE } from '@recording/contracts';

import { bearer, cookieHeader, joinedRoomsCookie, operatorAuth, roomAuth } from './support/credentials';
import { postJson, requestJson } from './support/http';
import { LogCapture } from './support/log-capture';
import { putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

const OPERATOR_SECRET = 'access-operator-secret-0123';

/** The attributes of the Set-Cookie header for `name`, lower-cased, with its value apart. */
function setCookie(headers: Headers, name: string): { value: string; attributes: string[] } | undefined {
  const header = headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(/;\s*/);
  return { value: pair.slice(name.length + 1), attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}

describe('access in AUTH_MODE=room', () => {
  let server: TestServer;
  const log = new LogCapture();
  beforeAll(
    async () =>
      (server = await startTestServer(
        { OPERATOR_SECRET, TOKEN_TTL: '2h', LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
        { logDestination: log },
      )),
  );
  afterAll(() => server.close());

  const session = (headers: Record<string, string> = {}) => requestJson<SessionResponse>(`${server.url}/auth/session`, { headers });

  describe('the recording_access cookie of POST /token', () => {
    it('is HttpOnly, SameSite=Strict, Path=/, lives as long as the token, and is not Secure over plain HTTP', async () => {
      const response = await postJson(`${server.url}/token`, { roomName: 'Cookie Room', participantName: 'Ann' });
      const cookie = setCookie(response.headers, 'recording_access');
      expect(cookie?.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/', `max-age=${2 * 3600}`]));
      expect(cookie?.attributes).not.toContain('secure');
      expect(cookie?.value).not.toContain(response.body['token'] as string);
    });

    it('reaches the recordings of the rooms this browser joined, and lists them newest first in the session', async () => {
      const cookie = await joinedRoomsCookie(server.url, ['First Room', 'Second Room', 'First Room']);
      expect((await session({ cookie })).body).toEqual({
        mode: 'room',
        operator: false,
        rooms: ['First Room', 'Second Room'],
        operatorSignIn: true,
      });
      const name = recordingName('Second Room');
      await putBlob(server.container, `recordings/${name}`, 100);
      expect((await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`, { headers: { cookie } })).status).toBe(200);
      const listed = await requestJson<{ recordings: Array<{ name: string }> }>(`${server.url}/recordings`, { headers: { cookie } });
      expect(listed.body.recordings.map((r) => r.name)).toEqual([name]);
    });

    it('keeps the 20 rooms joined most recently', async () => {
      const rooms = Array.from({ length: 22 }, (_, index) => `Many ${index}`);
      const cookie = await joinedRoomsCookie(server.url, rooms);
      expect((await session({ cookie })).body.rooms).toEqual(rooms.slice(2).reverse());
    });

    it('is ignored, and logged as refused, when it was not signed by this server', async () => {
      const forged = 'recording_access=eyJwIjpbWyJGb3JnZWQiLCJNYWxsb3J5IiwxOTk5OTk5OTk5LDFdXX0.' + 'A'.repeat(43);
      const response = await requestJson(`${server.url}/recordings`, { headers: { cookie: forged } });
      expect(response.status).toBe(401);
      expect(await log.waitFor((line) => line.event === 'credential.refused' && line.credential === 'recording_access')).toMatchObject({
        outcome: 'refused',
      });
      expect(log.raw).not.toContain('eyJwIjpbWyJGb3JnZWQi');
    });

    it('answers 401 naming what to do without any credential', async () => {
      const response = await requestJson(`${server.url}/recordings`);
      expect(response.status).toBe(401);
      expect(response.body['errorMessage']).toMatch(/join the room first/);
    });
  });

  describe('operator sign-in', () => {
    it('answers a token and a 12 h recording_operator cookie that reach every room', async () => {
      const before = Date.now();
      const response = await postJson<{ token: string; expiresAt: number }>(`${server.url}/auth/operator`, { secret: OPERATOR_SECRET });
      expect(response.status).toBe(200);
      expect(response.body.expiresAt).toBeGreaterThanOrEqual(before + 12 * 3600_000);
      expect(response.body.expiresAt).toBeLessThanOrEqual(Date.now() + 12 * 3600_000);
      const cookie = setCookie(response.headers, 'recording_operator');
      expect(cookie?.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/', 'max-age=43200']));
      const name = recordingName('Operator Room');
      await putBlob(server.container, `recordings/${name}`, 100);
      for (const headers of [bearer(response.body.token), { cookie: cookieHeader(response.headers) }]) {
        expect((await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`, { headers })).status).toBe(200);
        expect((await session(headers)).body).toMatchObject({ operator: true });
      }
      expect(await log.waitFor((line) => line.event === 'operator.signed_in')).toMatchObject({ actor: 'operator', outcome: 'signed in' });
    });

    it('answers 401 for a wrong secret, logs the refusal, and never the secret', async () => {
      const response = await postJson(`${server.url}/auth/operator`, { secret: 'wrong-operator-secret-0123' });
      expect(response).toMatchObject({ status: 401, body: { errorMessage: 'Wrong operator secret' } });
      expect(response.headers.getSetCookie()).toEqual([]);
      await log.waitFor((line) => line.event === 'operator.signed_in' && line.outcome === 'refused: wrong secret');
      expect(log.raw).not.toContain('wrong-operator-secret');
      expect(log.raw).not.toContain(OPERATOR_SECRET);
    });

    it('answers 400 without a secret', async () => {
      expect((await postJson(`${server.url}/auth/operator`, {})).status).toBe(400);
    });
  });

  it('POST /auth/logout clears both cookies', async () => {
    const response = await postJson(`${server.url}/auth/logout`, {});
    expect(response).toMatchObject({ status: 200, body: { message: 'Signed out' } });
    for (const name of ['recording_access', 'recording_operator']) {
      const cookie = setCookie(response.headers, name);
      expect(cookie?.value).toBe('');
      expect(cookie?.attributes).toEqual(
        expect.arrayContaining(['path=/', 'httponly', 'samesite=strict', expect.stringMatching(/^expires=thu, 01 jan 1970/)]),
      );
    }
  });

  it('POST /auth/logout with an operator credential ends every operator session on the server; without one it ends none', async () => {
    const [first, second] = [await operatorAuth(server.url, OPERATOR_SECRET), await operatorAuth(server.url, OPERATOR_SECRET)];
    expect((await session(first)).body.operator).toBe(true);
    // Anyone may clear their own cookies, but only an operator signs the operators out.
    expect((await postJson(`${server.url}/auth/logout`, {}, roomAuth('Some Room'))).status).toBe(200);
    expect((await session(second)).body.operator).toBe(true);

    expect((await postJson(`${server.url}/auth/logout`, {}, first)).status).toBe(200);
    expect(await requestJson(`${server.url}/recordings`, { headers: second })).toMatchObject({ status: 401 });
    expect((await session(first)).body.operator).toBe(false);
    expect(await log.waitFor((line) => line.event === 'credential.refused' && line.reason === 'signed out')).toBeDefined();
    // A new sign-in works again.
    expect((await session(await operatorAuth(server.url, OPERATOR_SECRET))).body.operator).toBe(true);
  });

  it('answers the session of a Bearer room token, and of nobody', async () => {
    expect((await session(roomAuth('Bearer Room'))).body).toEqual({
      mode: 'room',
      operator: false,
      rooms: ['Bearer Room'],
      operatorSignIn: true,
    });
    expect((await session()).body).toEqual({ mode: 'room', operator: false, rooms: [], operatorSignIn: true });
  });

  describe('share links', () => {
    const name = recordingName('Share Room', '2026-11-23T101500', 'RM_share');
    const path = `/recordings/${encodeURIComponent(name)}`;
    const owner = roomAuth('Share Room', { name: 'Owner' });
    const share = (body: unknown = {}) =>
      requestJson<{ url: string; expiresAt: number }>(`${server.url}${path}/share`, { method: 'POST', body, headers: owner });
    const tokenOf = (url: string) => decodeURIComponent(url.split('/watch/')[1]);
    let content: Buffer;
    beforeEach(async () => (content = await putBlob(server.container, `recordings/${name}`, 5000)));

    it('creates an absolute /watch/<token> link for a day by default, whose opaque token plays only that recording', async () => {
      const before = Date.now();
      const response = await share();
      expect(response.status).toBe(200);
      expect(response.body.url).toMatch(new RegExp(`^${server.url}/watch/[A-Za-z0-9_-]+$`));
      expect(response.body.expiresAt).toBeGreaterThanOrEqual(before + 1440 * 60_000);
      const token = tokenOf(response.body.url);
      // Nothing in the link names the recording or its room, however it is decoded.
      const decoded = Buffer.from(token, 'base64url').toString('latin1');
      for (const part of ['Share', 'RoomComposite', 'RM_share', '2026']) expect(`${token}\n${decoded}`).not.toContain(part);
      const ranged = await fetch(`${server.url}${path}?share=${token}`, { headers: { Range: 'bytes=0-99' } });
      expect(ranged.status).toBe(206);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(content.subarray(0, 100))).toBe(true);
      expect((await fetch(`${server.url}${path}?share=${token}`, { method: 'HEAD' })).status).toBe(200);
      // Read-only: no listing, no delete, no storage URL (it names the room), no other recording with it.
      expect((await requestJson(`${server.url}/recordings?share=${token}`)).status).toBe(401);
      expect((await requestJson(`${server.url}${path}?share=${token}`, { method: 'DELETE' })).status).toBe(401);
      expect((await requestJson(`${server.url}${path}/url?share=${token}`)).status).toBe(401);
      const other = recordingName('Share Room', '2026-11-24T101500', 'RM_share');
      await putBlob(server.container, `recordings/${other}`, 10);
      expect(await requestJson(`${server.url}/recordings/${encodeURIComponent(other)}?share=${token}`)).toMatchObject({
        status: 404,
        body: { errorMessage: SHARE_LINK_INVALID_MESSAGE },
      });
      expect(await log.waitFor((line) => line.event === 'recording.shared')).toMatchObject({
        room: 'Share Room',
        recording: name,
        actor: 'Owner',
        outcome: 'shared',
      });
    });

    it('serves the recording at /shared/<token> with answers that never name its room', async () => {
      const token = tokenOf((await share()).body.url);
      const shared = `${server.url}/shared/${token}`;
      const ranged = await fetch(shared, { headers: { Range: 'bytes=100-199' } });
      expect(ranged.status).toBe(206);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(content.subarray(100, 200))).toBe(true);
      const head = await fetch(shared, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe('5000');
      const download = await fetch(`${shared}?download=1`, { headers: { Range: 'bytes=0-0' } });
      const disposition = download.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename="recording-2026-11-23-1015\.mp4"/);
      for (const answer of [ranged, head, download]) {
        const headers = [...answer.headers.entries()].map(([key, value]) => `${key}: ${value}`).join('\n');
        expect(headers).not.toMatch(/Share|RoomComposite|RM_share/);
      }
      // The poster of these random bytes cannot be made: the 503 names nothing either.
      const poster = await requestJson(`${shared}/poster`);
      expect(poster.status).toBe(503);
      expect(JSON.stringify(poster.body)).not.toMatch(/Share|RoomComposite|RM_share/);
      // No credential is needed, none gets further: a forged or an old-style readable token is a dead link.
      const readable = `${Buffer.from(JSON.stringify({ r: name, e: Date.now() + 60_000, g: 0 })).toString('base64url')}.${'x'.repeat(43)}`;
      for (const bad of [`${token.slice(0, -2)}AA`, readable, 'x']) {
        expect(await requestJson(`${server.url}/shared/${bad}`)).toMatchObject({
          status: 404,
          body: { errorMessage: SHARE_LINK_INVALID_MESSAGE },
        });
        expect((await requestJson(`${server.url}/shared/${bad}/poster`)).status).toBe(404);
      }
    });

    it('counts concurrent revocations each (conditional writes): links issued before either stay dead', async () => {
      const before = tokenOf((await share()).body.url);
      const generation = async () => {
        const stored = await server.container.getBlobClient(`recordings/.details/${name}`).downloadToBuffer();
        return (JSON.parse(stored.toString()) as { shareGeneration: number }).shareGeneration;
      };
      const atStart = await generation();
      const revoke = () => requestJson(`${server.url}${path}/share`, { method: 'DELETE', headers: owner });
      const [first, second, granted] = await Promise.all([revoke(), revoke(), share()]);
      expect([first.status, second.status, granted.status]).toEqual([200, 200, 200]);
      // Two revocations, two generations: neither wrote back what it read before the other's write.
      expect(await generation()).toBe(atStart + 2);
      expect((await fetch(`${server.url}/shared/${before}`, { method: 'HEAD' })).status).toBe(404);
      const after = tokenOf((await share()).body.url);
      expect((await fetch(`${server.url}/shared/${after}`, { method: 'HEAD' })).status).toBe(200);
    });

    it('honours expiresInMinutes and refuses values out of 1..43200', async () => {
      const before = Date.now();
      const response = await share({ expiresInMinutes: 5 });
      expect(response.body.expiresAt).toBeGreaterThanOrEqual(before + 5 * 60_000);
      expect(response.body.expiresAt).toBeLessThan(before + 6 * 60_000);
      for (const expiresInMinutes of [0, 43_201, 1.5, 'soon']) {
        const refused = await share({ expiresInMinutes });
        expect(refused.status).toBe(400);
        expect(refused.body).toEqual({ errorMessage: expect.stringContaining('expiresInMinutes') });
      }
    });

    it('revokes every link issued before; a link made afterwards works', async () => {
      const first = tokenOf((await share()).body.url);
      const second = tokenOf((await share()).body.url);
      const revoked = await requestJson(`${server.url}${path}/share`, { method: 'DELETE', headers: owner });
      expect(revoked).toMatchObject({ status: 200, body: { message: 'Share links revoked' } });
      for (const token of [first, second]) {
        expect(await requestJson(`${server.url}${path}?share=${token}`)).toMatchObject({
          status: 404,
          body: { errorMessage: SHARE_LINK_INVALID_MESSAGE },
        });
      }
      const third = tokenOf((await share()).body.url);
      expect((await fetch(`${server.url}${path}?share=${third}`, { method: 'HEAD' })).status).toBe(200);
      expect(await log.waitFor((line) => line.event === 'recording.share_revoked')).toMatchObject({ actor: 'Owner', outcome: 'revoked' });
    });

    it('ends the links of a deleted recording', async () => {
      const token = tokenOf((await share()).body.url);
      expect((await requestJson(`${server.url}${path}`, { method: 'DELETE', headers: owner })).status).toBe(200);
      expect(await requestJson(`${server.url}${path}?share=${token}`)).toMatchObject({
        status: 404,
        body: { errorMessage: SHARE_LINK_INVALID_MESSAGE },
      });
    });

    it('answers 404 for sharing or revoking a recording that does not exist', async () => {
      const missing = `/recordings/${encodeURIComponent(recordingName('Share Room', '2020-01-01T000000', 'RM_share'))}/share`;
      expect((await requestJson(`${server.url}${missing}`, { method: 'POST', body: {}, headers: owner })).status).toBe(404);
      expect((await requestJson(`${server.url}${missing}`, { method: 'DELETE', headers: owner })).status).toBe(404);
    });

    it('answers 400 for an invalid recording name', async () => {
      expect((await requestJson(`${server.url}/recordings/nope.mp4/share`, { method: 'POST', body: {}, headers: owner })).status).toBe(400);
    });
  });

  it('a recording of another room answers exactly like an unknown one', async () => {
    const existing = recordingName('Hidden Room');
    await putBlob(server.container, `recordings/${existing}`, 10);
    const other = roomAuth('Elsewhere');
    const unknown = await requestJson(`${server.url}/recordings/${encodeURIComponent(recordingName('Elsewhere'))}`, { headers: other });
    for (const method of ['GET', 'DELETE']) {
      const response = await requestJson(`${server.url}/recordings/${encodeURIComponent(existing)}`, { method, headers: other });
      expect({ status: response.status, body: response.body }).toEqual({ status: unknown.status, body: unknown.body });
    }
    expect(unknown).toMatchObject({ status: 404, body: { errorMessage: 'Recording not found' } });
  });

  it('a filter for another room gives an empty list', async () => {
    await putBlob(server.container, `recordings/${recordingName('Filter Room')}`, 10);
    const response = await requestJson<{ recordings: unknown[] }>(`${server.url}/recordings?roomName=Filter%20Room`, {
      headers: roomAuth('Mine'),
    });
    expect(response).toMatchObject({ status: 200, body: { recordings: [] } });
  });

  it('the operator token is refused once OPERATOR_SECRET changes', async () => {
    const token = (await operatorAuth(server.url, OPERATOR_SECRET)).authorization;
    const other = await startTestServer({ OPERATOR_SECRET: 'another-operator-secret-01' });
    try {
      expect((await requestJson(`${other.url}/recordings`, { headers: { authorization: token } })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('without OPERATOR_SECRET', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it('answers 404 to operator sign-in, and the session says there is none', async () => {
    const response = await postJson(`${server.url}/auth/operator`, { secret: 'any-secret-at-all-0123' });
    expect(response.status).toBe(404);
    expect(response.body['errorMessage']).toMatch(/no operator sign-in/);
    expect((await requestJson(`${server.url}/auth/session`)).body).toMatchObject({ operatorSignIn: false });
  });
});
