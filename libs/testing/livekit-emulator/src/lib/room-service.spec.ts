import { DataPacket_Kind, ParticipantInfo_State, RoomServiceClient } from 'livekit-server-sdk';

import { API_KEY, API_SECRET, type Harness, startHarness, tokenWith, twirp } from '../test-support/harness';
import { proto } from './protocol';

describe('RoomService through the real SDK', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.emulator.reset();
    h.webhooks.clear();
  });

  it('ListRooms lists every room or the named ones, counting visible participants', async () => {
    h.emulator.addParticipant('alpha', 'a1');
    h.emulator.addParticipant('alpha', 'a2', { publisher: false });
    h.emulator.createRoom('beta');
    const all = await h.roomClient.listRooms();
    expect(all.map((r) => r.name).sort()).toEqual(['alpha', 'beta']);
    const [alpha] = await h.roomClient.listRooms(['alpha', 'missing']);
    expect(alpha).toMatchObject({ name: 'alpha', numParticipants: 2, numPublishers: 1, activeRecording: false });
    expect(alpha.sid).toBe(h.emulator.getRoom('alpha')?.sid);
  });

  it('is reachable through wsUrl too (the SDK rewrites ws:// to http://)', async () => {
    expect(h.emulator.wsUrl).toBe(h.emulator.url.replace('http://', 'ws://'));
    h.emulator.createRoom('via-ws');
    const rooms = await new RoomServiceClient(h.emulator.wsUrl, API_KEY, API_SECRET).listRooms();
    expect(rooms.map((r) => r.name)).toEqual(['via-ws']);
  });

  it('ListParticipants returns participant infos, and [] (not 404) for an unknown room', async () => {
    const joined = h.emulator.addParticipant('gamma', 'ann', { name: 'Ann' });
    const [ann] = await h.roomClient.listParticipants('gamma');
    expect(ann).toMatchObject({ identity: 'ann', name: 'Ann', sid: joined.sid, isPublisher: true, state: ParticipantInfo_State.ACTIVE });
    expect(ann.sid).toMatch(/^PA_/);
    expect(ann.tracks.length).toBeGreaterThan(0);
    await expect(h.roomClient.listParticipants('nobody')).resolves.toEqual([]);
  });

  it('UpdateRoomMetadata returns the room with the new metadata; empty clears it', async () => {
    h.emulator.createRoom('meta');
    const updated = await h.roomClient.updateRoomMetadata('meta', '{"rec":true}');
    expect(updated.metadata).toBe('{"rec":true}');
    expect(h.emulator.getRoom('meta')?.metadata).toBe('{"rec":true}');
    await h.roomClient.updateRoomMetadata('meta', '');
    expect(h.emulator.getRoom('meta')?.metadata).toBe('');
    await expect(h.roomClient.updateRoomMetadata('ghost', 'x')).rejects.toMatchObject({
      status: 404,
      message: 'twirp error unknown: requested room does not exist',
    });
    expect(h.emulator.roomMetadataUpdates).toEqual([
      { room: 'meta', metadata: '{"rec":true}' },
      { room: 'meta', metadata: '' },
    ]);
  });

  it('UpdateRoomMetadata rejects metadata over 512 KiB before checking grants', async () => {
    const res = await twirp(h.emulator.url, '/twirp/livekit.RoomService/UpdateRoomMetadata', {
      token: await tokenWith({ roomList: true }),
      body: JSON.stringify({ room: 'meta', metadata: 'x'.repeat(512 * 1024 + 1) }),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({
      code: 'invalid_argument',
      msg: 'metadata size exceeds limits 524288',
      meta: { argument: 'metadata size exceeds limits' },
    });
  });

  it('SendData records the packet; unknown room → 404; bad nonce → 400', async () => {
    h.emulator.addParticipant('chat', 'u1');
    await h.roomClient.sendData('chat', new TextEncoder().encode('{"recording":"started"}'), DataPacket_Kind.RELIABLE, {
      topic: 'recording',
      destinationIdentities: ['u1'],
    });
    await h.roomClient.sendData('chat', new TextEncoder().encode('ping'), DataPacket_Kind.LOSSY, {});
    expect(h.emulator.sentData).toEqual([
      {
        room: 'chat',
        topic: 'recording',
        payload: '{"recording":"started"}',
        payloadBase64: Buffer.from('{"recording":"started"}').toString('base64'),
        destinationIdentities: ['u1'],
        kind: 'RELIABLE',
      },
      expect.objectContaining({ payload: 'ping', topic: '', kind: 'LOSSY', destinationIdentities: [] }),
    ]);
    await expect(h.roomClient.sendData('nowhere', new Uint8Array([1]), DataPacket_Kind.RELIABLE, {})).rejects.toMatchObject({
      status: 503,
      message: 'twirp error unknown: no response from servers',
    });

    const badNonce = await twirp(h.emulator.url, '/twirp/livekit.RoomService/SendData', {
      token: await tokenWith({ roomAdmin: true, room: 'chat' }),
      body: JSON.stringify({ room: 'chat', data: 'aGk=', nonce: Buffer.from('short').toString('base64') }),
    });
    expect(badNonce.status).toBe(400);
    expect(JSON.parse(badNonce.text).code).toBe('invalid_argument');
  });

  it('CreateRoom is idempotent and emits room_started once; DeleteRoom ends it with participant_left + room_finished', async () => {
    const first = await h.roomClient.createRoom({ name: 'made', metadata: 'm' });
    const again = await h.roomClient.createRoom({ name: 'made' });
    expect(again.sid).toBe(first.sid);
    expect(first.metadata).toBe('m');
    h.emulator.addParticipant('made', 'p1');

    await h.roomClient.deleteRoom('made');
    expect(h.emulator.getRoom('made')).toBeUndefined();
    await h.emulator.waitForWebhook((d) => d.event === 'room_finished' && d.roomName === 'made');
    await h.emulator.webhooksIdle();
    const events = h.emulator.webhookDeliveries.filter((d) => d.roomName === 'made').map((d) => d.event);
    expect(events).toEqual(['room_started', 'participant_joined', 'participant_left', 'room_finished']);

    await expect(h.roomClient.deleteRoom('made')).rejects.toMatchObject({ status: 404 });
  });

  it('participant webhooks carry the participant, and a rejoin replaces the old session', async () => {
    h.emulator.addParticipant('hall', 'same', { name: 'First' });
    h.emulator.addParticipant('hall', 'same', { name: 'Second' });
    h.emulator.removeParticipant('hall', 'same');
    h.emulator.removeParticipant('hall', 'not-there');
    await h.emulator.waitForWebhook((d) => d.event === 'participant_left' && d.body.includes('Second'));
    await h.emulator.webhooksIdle();
    const names = h.emulator.webhookDeliveries
      .filter((d) => d.event.startsWith('participant_'))
      .map((d) => {
        const event = proto.WebhookEvent.fromJsonString(d.body);
        return `${d.event}:${event.participant?.name}`;
      });
    expect(names).toEqual(['participant_joined:First', 'participant_left:First', 'participant_joined:Second', 'participant_left:Second']);
    expect(h.emulator.getRoom('hall')?.participants).toEqual([]);
  });
});
