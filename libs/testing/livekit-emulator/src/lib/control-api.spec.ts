import { type Harness, startHarness } from '../test-support/harness';
import { WebhookCapture } from '../test-support/webhook-capture';

describe('control API (/emulator/…)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.emulator.reset();
    h.emulator.setWebhookUrls([h.webhooks.url]);
  });

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${h.emulator.url}/emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    return { status: res.status, json: await res.json() };
  }

  it('describes itself as not being a LiveKit server', async () => {
    const { status, json } = await call('GET', '');
    expect(status).toBe(200);
    expect(json.description).toMatch(/NOT a LiveKit server/);
  });

  it('creates rooms and participants that the Twirp API then sees', async () => {
    const room = await call('POST', '/rooms', { name: 'Test Room' });
    expect(room.status).toBe(200);
    expect(room.json.room).toMatchObject({ name: 'Test Room', activeRecording: false, participants: [] });
    expect(room.json.room.sid).toMatch(/^RM_/);

    const p = await call('POST', `/rooms/${encodeURIComponent('Test Room')}/participants`, { identity: 'alice', name: 'Alice' });
    expect(p.json.participant).toMatchObject({ identity: 'alice', name: 'Alice', publisher: true, kind: 'STANDARD' });
    await call('POST', '/rooms/Test%20Room/participants', { identity: 'viewer', publisher: false });

    const [listed] = await h.roomClient.listRooms(['Test Room']);
    expect(listed).toMatchObject({ numParticipants: 2, numPublishers: 1 });

    const rooms = await call('GET', '/rooms');
    expect(rooms.json.rooms).toHaveLength(1);
    expect((await call('GET', '/rooms/Test%20Room')).json.room.participants).toHaveLength(2);

    expect((await call('DELETE', '/rooms/Test%20Room/participants/viewer')).status).toBe(200);
    expect((await call('DELETE', '/rooms/Test%20Room/participants/viewer')).status).toBe(404);
    expect((await call('DELETE', '/rooms/Test%20Room')).status).toBe(200);
    expect((await call('DELETE', '/rooms/Test%20Room')).status).toBe(404);
    expect((await call('GET', '/rooms/Test%20Room')).status).toBe(404);
  });

  it.each([
    ['POST', '/rooms', {}, /name must be a non-empty string/],
    ['POST', '/rooms', { name: 42 }, /name/],
    ['POST', '/rooms', '{not json', /not valid JSON/],
    ['POST', '/rooms', '[1,2]', /JSON object/],
    ['POST', '/rooms/r/participants', { identity: '' }, /identity/],
    ['POST', '/rooms/r/participants', { identity: 'x', publisher: 'yes' }, /publisher must be a boolean/],
    ['PUT', '/outage', { mode: 'sometimes' }, /mode must be one of/],
    ['PUT', '/start-failure', { mode: 'maybe' }, /mode must be one of/],
    ['PUT', '/webhook-faults', { drop: 'egress_ended' }, /drop must be an array/],
    ['PUT', '/webhook-faults', { dropp: ['x'] }, /unknown field/],
    ['PUT', '/webhook-urls', { urls: ['ftp://x'] }, /not an http\(s\) URL/],
    ['PUT', '/webhook-urls', {}, /urls must be/],
    ['POST', '/fail-uploads', { count: -1 }, /count/],
    ['POST', '/fail-uploads', { count: 1.5 }, /count/],
  ])('%s %s %j → 400', async (method, path, body, message) => {
    const { status, json } = await call(method, path, body);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  it('answers 404 for unknown routes and 405 for a wrong method', async () => {
    expect((await call('GET', '/nope')).status).toBe(404);
    expect((await call('PATCH', '/rooms', {})).status).toBe(405);
  });

  it('lists egresses (nanoseconds as strings) and fails uploads on request', async () => {
    await call('POST', '/rooms/rec/participants', { identity: 'p' });
    expect((await call('POST', '/fail-uploads', { count: 1 })).status).toBe(200);
    const { egressId } = await h.egressClient.startRoomCompositeEgress('rec', h.fileOutput());
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(egressId);
    await h.emulator.waitForEgress(egressId, ['EGRESS_FAILED']);

    const { json } = await call('GET', '/egresses?roomName=rec');
    expect(json.egresses).toHaveLength(1);
    expect(json.egresses[0]).toMatchObject({ egressId, status: 'EGRESS_FAILED', containerName: h.container });
    expect(json.egresses[0].startedAtNs).toMatch(/^\d{19}$/);
    expect((await call('GET', '/egresses?active=true')).json.egresses).toEqual([]);
    expect((await call('GET', `/egresses/${egressId}`)).json.egress.egressId).toBe(egressId);
    expect((await call('GET', '/egresses?active=maybe')).status).toBe(400);
  });

  it('exposes webhook deliveries, sent data and Twirp calls', async () => {
    await call('POST', '/rooms', { name: 'obs' });
    await h.emulator.waitForWebhook((d) => d.event === 'room_started');
    await h.roomClient.sendData('obs', new TextEncoder().encode('hello'), 0, { topic: 't' });

    expect((await call('GET', '/webhooks')).json.deliveries[0]).toMatchObject({ event: 'room_started', status: 200 });
    expect((await call('GET', '/data')).json.packets).toEqual([expect.objectContaining({ room: 'obs', payload: 'hello', topic: 't' })]);
    expect((await call('GET', '/twirp-calls')).json.calls).toEqual([{ method: 'livekit.RoomService/SendData', status: 200 }]);
  });

  it('sets webhook faults and URLs', async () => {
    const other = await WebhookCapture.start();
    try {
      expect((await call('PUT', '/webhook-urls', { urls: [other.url] })).status).toBe(200);
      expect((await call('PUT', '/webhook-faults', { drop: ['room_started'] })).status).toBe(200);
      await call('POST', '/rooms', { name: 'faulty' });
      await call('POST', '/rooms/faulty/participants', { identity: 'x' });
      await h.emulator.waitForWebhook((d) => d.event === 'participant_joined');
      expect(h.emulator.webhookDeliveries.map((d) => [d.event, d.kind, d.url])).toEqual([
        ['room_started', 'dropped', other.url],
        ['participant_joined', 'sent', other.url],
      ]);
    } finally {
      await other.stop();
    }
  });

  it('stalls starts and holds uploads on request', async () => {
    await call('POST', '/rooms/faults/participants', { identity: 'p' });
    expect((await call('POST', '/stall-starts', { count: 1 })).json).toEqual({ count: 1 });
    expect((await call('POST', '/stall-starts', { count: -2 })).status).toBe(400);
    const stalled = await h.egressClient.startRoomCompositeEgress('faults', h.fileOutput());
    await expect(h.emulator.waitForEgress(stalled.egressId, ['EGRESS_ACTIVE'], 500)).rejects.toThrow(/STARTING/);

    expect((await call('POST', '/hold-uploads')).status).toBe(200);
    const { egressId } = await h.egressClient.startRoomCompositeEgress('faults', h.fileOutput());
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(egressId);
    await expect(h.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE'], 500)).rejects.toThrow(/ENDING/);
    expect((await call('POST', '/release-uploads')).status).toBe(200);
    await h.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);
    expect((await call('PUT', '/webhook-faults', { delayMs: 5 })).json.faults).toMatchObject({ delayMs: 5 });
    expect((await call('PUT', '/webhook-faults', { delayMs: 'soon' })).status).toBe(400);
  });

  it('sets outages: unavailable, then refuse makes the control API itself unreachable', async () => {
    await call('PUT', '/outage', { mode: 'unavailable' });
    await expect(h.roomClient.listRooms()).rejects.toMatchObject({ status: 503 });
    await call('PUT', '/outage', { mode: 'none' });
    await expect(h.roomClient.listRooms()).resolves.toEqual([]);

    expect((await call('PUT', '/outage', { mode: 'refuse' })).json).toEqual({ mode: 'refuse' });
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${h.emulator.url}/emulator/rooms`)).rejects.toThrow();
    await h.emulator.setOutage('none'); // only the programmatic API can end a refuse outage
    expect((await call('GET', '/rooms')).status).toBe(200);
  });

  it('sets start failures and resets everything', async () => {
    await call('POST', '/rooms/sf/participants', { identity: 'p' });
    await call('PUT', '/start-failure', { mode: 'no_workers' });
    await expect(h.egressClient.startRoomCompositeEgress('sf', h.fileOutput())).rejects.toMatchObject({ status: 503 });

    expect((await call('POST', '/reset')).json).toEqual({ reset: true });
    expect(h.emulator.getRoom('sf')).toBeUndefined();
    expect(h.emulator.twirpCalls).toEqual([]);
    await call('POST', '/rooms/sf/participants', { identity: 'p' });
    await expect(h.egressClient.startRoomCompositeEgress('sf', h.fileOutput())).resolves.toMatchObject({ roomName: 'sf' });
  });
});
