import { TokenVerifier } from 'livekit-server-sdk';

import { postJson, requestJson } from './support/http';
import { API_KEY, API_SECRET, startTestServer, TestServer } from './support/test-server';

describe('POST /token', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer({ TOKEN_TTL: '2h' })));
  afterAll(() => server.close());

  it('answers a LiveKit JWT with the contract grants, nothing more (no roomRecord), and TOKEN_TTL', async () => {
    const response = await postJson<{ token: string }>(`${server.url}/token`, { roomName: 'Sala de reunión', participantName: 'Zoë' });
    expect(response.status).toBe(200);
    const claims = await new TokenVerifier(API_KEY, API_SECRET).verify(response.body.token);
    expect(claims.sub).toMatch(/^Zoë#[A-Za-z0-9_-]{8}$/);
    expect(claims.name).toBe('Zoë');
    expect(claims.video).toEqual({
      roomJoin: true,
      room: 'Sala de reunión',
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    const { exp, nbf } = claims as { exp: number; nbf: number };
    expect(exp - nbf).toBe(2 * 3600);
  });

  it('gives two people who type the same name two identities', async () => {
    const tokenFor = async () =>
      (await postJson<{ token: string }>(`${server.url}/token`, { roomName: 'Test Room', participantName: 'Alex' })).body.token;
    const verifier = new TokenVerifier(API_KEY, API_SECRET);
    const [first, second] = await Promise.all([tokenFor(), tokenFor()].map(async (token) => verifier.verify(await token)));
    expect(first.name).toBe('Alex');
    expect(second.name).toBe('Alex');
    expect(first.sub).not.toBe(second.sub);
  });

  it.each([
    ['no body', undefined, 'roomName is required'],
    ['an empty body', {}, 'roomName is required'],
    ['no participantName', { roomName: 'Test Room' }, 'participantName is required'],
    ['an empty roomName', { roomName: '', participantName: 'Al' }, 'roomName is required'],
    ['a room name with a slash', { roomName: 'a/b', participantName: 'Al' }, 'roomName must be'],
    ['a room name with a leading space', { roomName: ' Room', participantName: 'Al' }, 'roomName must be'],
    ['a 101-character room name', { roomName: 'x'.repeat(101), participantName: 'Al' }, 'roomName must be'],
    ['a participant name with a control character', { roomName: 'Room', participantName: 'A\u0007l' }, 'participantName must be'],
    ['a number as room name', { roomName: 42, participantName: 'Al' }, 'roomName must be'],
  ])('answers 400 with an errorMessage for %s', async (_label, body, message) => {
    const response = await requestJson(`${server.url}/token`, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(response.body.errorMessage).toEqual(expect.stringContaining(message));
  });

  it('answers 400 for a JSON array body', async () => {
    const response = await requestJson(`${server.url}/token`, { method: 'POST', body: [{ roomName: 'a' }] });
    expect(response).toMatchObject({ status: 400, body: { errorMessage: 'Request body must be a JSON object' } });
  });

  it('answers 400 for invalid JSON, without echoing the parser', async () => {
    const response = await requestJson(`${server.url}/token`, {
      method: 'POST',
      rawBody: '{"roomName": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response).toMatchObject({ status: 400, body: { errorMessage: 'Request body is not valid JSON' } });
  });

  it('answers 413 for an oversized body', async () => {
    const response = await requestJson(`${server.url}/token`, {
      method: 'POST',
      body: { roomName: 'Room', participantName: 'x'.repeat(100_000) },
    });
    expect(response).toMatchObject({ status: 413, body: { errorMessage: 'Request body is too large' } });
  });
});
