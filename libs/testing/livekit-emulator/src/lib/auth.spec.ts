import { EgressClient, RoomServiceClient, ServerError } from 'livekit-server-sdk';
import { createHmac } from 'node:crypto';

import { API_KEY, API_SECRET, type Harness, startHarness, tokenWith, twirp } from '../test-support/harness';

/** Hand-made HS256 JWT, for claims AccessToken will not produce (expired, no exp). */
function jwt(claims: Record<string, unknown>, secret = API_SECRET): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
const LIST_EGRESS = '/twirp/livekit.Egress/ListEgress';
const PERMISSIONS_DENIED = JSON.stringify({ code: 'unauthenticated', msg: 'permissions denied' });

describe('auth (livekit-server APIKeyAuthMiddleware + per-method grants)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ keys: { [API_KEY]: API_SECRET, otherkey: 'other-secret-other-secret-000000' } });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.emulator.reset());

  describe('middleware rejections are plain-text 401s', () => {
    it.each([
      ['a non-Bearer header', 'Basic ZGV2a2V5OnNlY3JldA==', 'invalid authorization header. Must start with Bearer '],
      ['an unparsable token', 'Bearer not-a-jwt', 'invalid authorization token'],
      ['an unknown API key', `Bearer ${jwt({ iss: 'nokey', exp: now() + 60, video: { roomRecord: true } })}`, 'invalid API key'],
    ])('%s', async (_what, authorization, body) => {
      const res = await twirp(h.emulator.url, LIST_EGRESS, { authorization });
      expect(res.status).toBe(401);
      expect(res.contentType).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe(body);
    });

    it.each([
      ['a wrong signature', jwt({ iss: API_KEY, exp: now() + 60, video: { roomRecord: true } }, 'wrong-secret')],
      ['an expired token (beyond the 1 min leeway)', jwt({ iss: API_KEY, exp: now() - 120, video: { roomRecord: true } })],
      ['a token without exp', jwt({ iss: API_KEY, video: { roomRecord: true } })],
    ])('%s → "invalid authorization token: …"', async (_what, token) => {
      const res = await twirp(h.emulator.url, LIST_EGRESS, { token });
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/^invalid authorization token: .+/);
    });

    it('accepts a token that expired less than a minute ago (leeway)', async () => {
      const res = await twirp(h.emulator.url, LIST_EGRESS, {
        token: jwt({ iss: API_KEY, exp: now() - 20, video: { roomRecord: true } }),
      });
      expect(res.status).toBe(200);
    });

    it('surfaces through the SDK as ServerError 401 without a code', async () => {
      const wrong = new EgressClient(h.emulator.url, API_KEY, 'not-the-secret');
      const err = await wrong.listEgress().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServerError);
      expect(err).toMatchObject({ status: 401, code: undefined });
      expect((err as ServerError).message).toMatch(/^invalid authorization token: /);

      const unknownKey = new RoomServiceClient(h.emulator.url, 'nokey', API_SECRET);
      await expect(unknownKey.listRooms()).rejects.toMatchObject({ status: 401, message: 'invalid API key' });
    });

    it('verifies with the secret of the token issuer among several keys', async () => {
      const other = new RoomServiceClient(h.emulator.url, 'otherkey', 'other-secret-other-secret-000000');
      await expect(other.listRooms()).resolves.toEqual([]);
    });
  });

  describe('missing grants are Twirp JSON 401 "permissions denied"', () => {
    it('without any Authorization header', async () => {
      const res = await twirp(h.emulator.url, LIST_EGRESS, {});
      expect(res.status).toBe(401);
      expect(res.contentType).toBe('application/json');
      expect(res.text).toBe(PERMISSIONS_DENIED);
    });

    it.each([
      ['Egress needs roomRecord', LIST_EGRESS, { roomAdmin: true, roomList: true, roomCreate: true }, '{}'],
      ['ListRooms needs roomList, not roomAdmin', '/twirp/livekit.RoomService/ListRooms', { roomAdmin: true, room: 'r' }, '{}'],
      ['CreateRoom needs roomCreate', '/twirp/livekit.RoomService/CreateRoom', { roomAdmin: true, room: 'r' }, '{"name":"r"}'],
      ['DeleteRoom needs roomCreate', '/twirp/livekit.RoomService/DeleteRoom', { roomRecord: true }, '{"room":"r"}'],
      ['ListParticipants needs roomAdmin', '/twirp/livekit.RoomService/ListParticipants', { room: 'r', roomList: true }, '{"room":"r"}'],
      ['roomAdmin for another room', '/twirp/livekit.RoomService/ListParticipants', { roomAdmin: true, room: 'other' }, '{"room":"r"}'],
      ['roomAdmin without a room', '/twirp/livekit.RoomService/SendData', { roomAdmin: true }, '{"room":"r","data":"aGk="}'],
      [
        'UpdateRoomMetadata for another room',
        '/twirp/livekit.RoomService/UpdateRoomMetadata',
        { roomAdmin: true, room: 'other' },
        '{"room":"r","metadata":"x"}',
      ],
    ])('%s', async (_what, path, grant, body) => {
      h.emulator.createRoom('r');
      const res = await twirp(h.emulator.url, path, { token: await tokenWith(grant), body });
      expect(res.status).toBe(401);
      expect(res.contentType).toBe('application/json');
      expect(res.text).toBe(PERMISSIONS_DENIED);
    });

    it('surfaces through the SDK as ServerError code unauthenticated (pre-signed token)', async () => {
      const token = await tokenWith({ roomAdmin: true, room: 'a' });
      const client = new RoomServiceClient(h.emulator.url, undefined, undefined, { token });
      await expect(client.listParticipants('b')).rejects.toMatchObject({
        status: 401,
        code: 'unauthenticated',
        message: 'permissions denied',
      });
      await expect(client.listParticipants('a')).resolves.toEqual([]);
    });
  });
});
