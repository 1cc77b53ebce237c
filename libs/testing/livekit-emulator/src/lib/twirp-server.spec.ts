import { type Harness, startHarness, tokenWith, twirp } from '../test-support/harness';
import { proto } from './protocol';

describe('Twirp transport (twirp-go server behaviour)', () => {
  let h: Harness;
  let recordToken: string;
  beforeAll(async () => {
    h = await startHarness();
    recordToken = await tokenWith({ roomRecord: true, roomList: true });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.emulator.reset());

  it('answers GET / with OK (health check)', async () => {
    const res = await fetch(h.emulator.url + '/');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
  });

  it.each([
    ['an unknown method', 'POST', '/twirp/livekit.Egress/StartTrackEgress', 'no handler for path "/twirp/livekit.Egress/StartTrackEgress"'],
    ['an unknown service', 'POST', '/twirp/livekit.Ingress/ListIngress', 'no handler for path "/twirp/livekit.Ingress/ListIngress"'],
    ['a path outside /twirp', 'POST', '/rtc/validate', 'no handler for path "/rtc/validate"'],
    [
      'a nested twirp path',
      'POST',
      '/twirp/livekit.Egress/ListEgress/extra',
      'no handler for path "/twirp/livekit.Egress/ListEgress/extra"',
    ],
    ['GET on a Twirp method', 'GET', '/twirp/livekit.Egress/ListEgress', 'unsupported method "GET" (only POST is allowed)'],
  ])('answers bad_route 404 for %s', async (_what, method, path, msg) => {
    const res = await twirp(h.emulator.url, path, { token: recordToken, method });
    expect(res.status).toBe(404);
    expect(res.contentType).toBe('application/json');
    expect(JSON.parse(res.text)).toEqual({ code: 'bad_route', msg, meta: { twirp_invalid_route: `${method} ${path}` } });
  });

  it('rejects an unexpected Content-Type with bad_route, and accepts the SDK one with a charset', async () => {
    const bad = await twirp(h.emulator.url, '/twirp/livekit.Egress/ListEgress', { token: recordToken, contentType: 'text/plain' });
    expect(bad.status).toBe(404);
    expect(JSON.parse(bad.text)).toMatchObject({ code: 'bad_route', msg: 'unexpected Content-Type: "text/plain"' });

    const ok = await twirp(h.emulator.url, '/twirp/livekit.Egress/ListEgress', {
      token: recordToken,
      contentType: 'Application/JSON ;charset=UTF-8',
    });
    expect(ok.status).toBe(200);
  });

  it.each([
    ['not JSON', '{'],
    ['empty', ''],
    ['a wrong type', '{"active":"yes please"}'],
  ])('answers malformed 400 for a body that is %s', async (_what, body) => {
    const res = await twirp(h.emulator.url, '/twirp/livekit.Egress/ListEgress', { token: recordToken, body });
    expect(res.status).toBe(400);
    expect(res.contentType).toBe('application/json');
    expect(JSON.parse(res.text)).toEqual({ code: 'malformed', msg: 'the json request could not be decoded' });
  });

  it('ignores unknown fields and accepts snake_case keys', async () => {
    h.emulator.createRoom('one');
    h.emulator.createRoom('two');
    const res = await twirp(h.emulator.url, '/twirp/livekit.RoomService/ListRooms', {
      token: recordToken,
      body: '{"names":["one"],"someFutureField":{"x":1}}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).rooms.map((r: { name: string }) => r.name)).toEqual(['one']);

    const snake = await twirp(h.emulator.url, '/twirp/livekit.Egress/ListEgress', {
      token: recordToken,
      body: '{"room_name":"one","active":true}',
    });
    expect(JSON.parse(snake.text)).toMatchObject({ items: [] });
  });

  it('encodes responses like Go protojson: snake_case, zero values present, exact Content-Type', async () => {
    h.emulator.createRoom('shape');
    const res = await fetch(h.emulator.url + '/twirp/livekit.RoomService/ListRooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${recordToken}` },
      body: '{}',
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    const room = (await res.json()).rooms[0];
    expect(room).toMatchObject({
      name: 'shape',
      num_participants: 0,
      num_publishers: 0,
      active_recording: false,
      metadata: '',
      empty_timeout: 300,
      departure_timeout: 20,
    });
    expect(room.sid).toMatch(/^RM_[2-9A-HJ-NP-Za-km-z]{12}$/);
    expect(typeof room.creation_time).toBe('string');
  });

  it('speaks application/protobuf too', async () => {
    h.emulator.createRoom('binary');
    const res = await fetch(h.emulator.url + '/twirp/livekit.RoomService/ListRooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/protobuf', Authorization: `Bearer ${recordToken}` },
      body: Buffer.from(new proto.ListRoomsRequest({ names: ['binary'] }).toBinary()),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/protobuf');
    const decoded = proto.ListRoomsResponse.fromBinary(new Uint8Array(await res.arrayBuffer()));
    expect(decoded.rooms.map((r) => r.name)).toEqual(['binary']);
  });

  it('rejects bodies over 10 MiB with 413', async () => {
    const huge = JSON.stringify({ names: ['x'.repeat(10 * 1024 * 1024)] });
    const res = await twirp(h.emulator.url, '/twirp/livekit.RoomService/ListRooms', { token: recordToken, body: huge });
    expect(res.status).toBe(413);
  });

  it('records every Twirp call with its status', async () => {
    await h.egressClient.listEgress();
    await h.roomClient.listRooms().catch(() => undefined);
    await twirp(h.emulator.url, '/twirp/livekit.Egress/Nope', { token: recordToken });
    expect(h.emulator.twirpCalls).toEqual([
      { method: 'livekit.Egress/ListEgress', status: 200 },
      { method: 'livekit.RoomService/ListRooms', status: 200 },
      { method: 'livekit.Egress/Nope', status: 404 },
    ]);
  });
});
