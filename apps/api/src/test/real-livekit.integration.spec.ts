import {
  ListRecordingsResponse,
  parseRoomRecording,
  RECORDING_DATA_TOPIC,
  RecordingSignal,
  RecordingStatus,
  StartRecordingResponse,
} from '@recording/contracts';
import type { BrowserParticipant, ParticipantEvent } from '@recording/testing/livekit-browser';

import { RoomServiceClient } from 'livekit-server-sdk';

import { RoomService } from '../app/livekit/room.service';
import { bearer, roomAuth, roomToken } from './support/credentials';
import { postJson, requestJson } from './support/http';
import { REAL_API_KEY, REAL_API_SECRET, RealLiveKitStack, startRealLiveKitStack } from './support/real-livekit-stack';

function signalOf(event: ParticipantEvent): RecordingSignal | undefined {
  return event.type === 'dataReceived' && event.topic === RECORDING_DATA_TOPIC ? (JSON.parse(event.payload) as RecordingSignal) : undefined;
}

const statusSignal = (status: string) => (event: ParticipantEvent) => {
  const signal = signalOf(event);
  return signal?.type === 'recording_status' && signal.recording.status === status;
};

/** The room metadata changed to say the recording is in `status`. */
const metadataSays = (status: RecordingStatus) => (event: ParticipantEvent) =>
  event.type === 'roomMetadataChanged' && parseRoomRecording(event.metadata)?.status === status;

describe('the API against the real LiveKit server (only Egress emulated)', () => {
  let stack: RealLiveKitStack;
  const auth = (room: string) => roomAuth(room, { apiKey: REAL_API_KEY, secret: REAL_API_SECRET });
  const joined: BrowserParticipant[] = [];
  const join = async (room: string, name: string, options?: { publish?: boolean }) => {
    const participant = await stack.join(room, name, options);
    joined.push(participant);
    return participant;
  };

  beforeAll(async () => (stack = await startRealLiveKitStack()), 60_000);
  afterEach(async () => {
    await Promise.all(joined.splice(0).map((participant) => participant.leave()));
  });
  afterAll(() => stack?.close());

  it('lets the real server accept tokens from POST /token, and two people of the same name are both in the call', async () => {
    const first = await join('Same Names', 'Alex');
    const second = await join('Same Names', 'Alex');
    await first.waitFor((e) => e.type === 'trackSubscribed' && e.identity === second.identity && e.kind === 'video');
    await second.waitFor((e) => e.type === 'trackSubscribed' && e.identity === first.identity && e.kind === 'video');
    expect(first.identity).not.toBe(second.identity);
    expect((await first.state()).remote).toEqual([expect.objectContaining({ identity: second.identity, name: 'Alex' })]);
    expect(first.events).not.toContainEqual(expect.objectContaining({ type: 'disconnected' }));
  }, 30_000);

  it('answers 409 for a room the server does not have, and for one with nobody in it', async () => {
    const missing = await postJson(`${stack.url}/recordings/start`, { roomName: 'Nobody Made This' }, auth('Nobody Made This'));
    expect(missing.status).toBe(409);
    expect(missing.body['errorMessage']).toMatch(/does not exist/);

    await new RoomServiceClient(stack.liveKit.url, REAL_API_KEY, REAL_API_SECRET).createRoom({ name: 'Empty Room', emptyTimeout: 60 });
    const empty = await postJson(`${stack.url}/recordings/start`, { roomName: 'Empty Room' }, auth('Empty Room'));
    expect(empty.status).toBe(409);
    expect(empty.body['errorMessage']).toMatch(/no participants/);
    expect(stack.emulator.listEgresses()).toEqual([]);
  });

  it('records a real room: the server reports it to everyone, the API sends its status messages, the MP4 is listed', async () => {
    const alice = await join('Real Recording', 'Alice');
    const bob = await join('Real Recording', 'Bob');
    await alice.waitFor((e) => e.type === 'trackSubscribed' && e.identity === bob.identity);

    const started = await postJson<StartRecordingResponse>(
      `${stack.url}/recordings/start`,
      { roomName: 'Real Recording' },
      auth('Real Recording'),
    );
    expect(started.status).toBe(200);
    const { name } = started.body.recording;
    for (const participant of [alice, bob]) {
      await participant.waitFor((e) => e.type === 'recordingStatusChanged' && e.recording);
      await participant.waitFor(statusSignal('starting'));
      await participant.waitFor(statusSignal('active'));
    }
    expect((await bob.state()).isRecording).toBe(true);

    const stopped = await postJson(`${stack.url}/recordings/stop`, { roomName: 'Real Recording' }, auth('Real Recording'));
    expect(stopped).toMatchObject({ status: 200, body: { recording: { name, status: 'ending' } } });
    for (const participant of [alice, bob]) {
      await participant.waitFor(statusSignal('complete'));
      await participant.waitFor((e) => e.type === 'recordingStatusChanged' && !e.recording);
    }

    const listed = await requestJson<ListRecordingsResponse>(`${stack.url}/recordings?roomName=${encodeURIComponent('Real Recording')}`, {
      headers: auth('Real Recording'),
    });
    expect(listed.body.recordings).toEqual([expect.objectContaining({ name, roomName: 'Real Recording', status: 'complete' })]);
    expect(listed.body.recordings[0].size).toBeGreaterThan(1000);
  }, 60_000);

  it("gives browsers tokens LiveKit's Egress API refuses (401), while they record their own room through the API", async () => {
    const alice = await join('Least Privilege', 'Alice');
    const issued = await postJson<{ token: string }>(`${stack.url}/token`, { roomName: 'Least Privilege', participantName: 'Mallory' });
    const browserToken = issued.body.token;
    // Straight to the real server, as a browser could: without Egress connected LiveKit still checks permissions first.
    const egressCall = (method: string, body: object, token: string) =>
      requestJson(`${stack.liveKit.url}/twirp/livekit.Egress/${method}`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}` },
      });
    const refused = await Promise.all([
      egressCall('ListEgress', {}, browserToken),
      egressCall('StartRoomCompositeEgress', { room_name: 'Someone Elses Room', file_outputs: [{ filepath: 'x.mp4' }] }, browserToken),
      egressCall('StartWebEgress', { url: 'http://169.254.169.254/', file_outputs: [{ filepath: 'x.mp4' }] }, browserToken),
      egressCall('StopEgress', { egress_id: 'EG_someone' }, browserToken),
    ]);
    expect(refused.map(({ status }) => status)).toEqual([401, 401, 401, 401]);
    expect(refused[0].body['msg'] ?? refused[0].body['errorMessage'] ?? JSON.stringify(refused[0].body)).toMatch(/permission/i);
    // The same call with LiveKit's roomRecord grant passes the permission check (and fails later: no Egress here).
    const withRecordGrant = roomToken('Least Privilege', { apiKey: REAL_API_KEY, secret: REAL_API_SECRET, roomRecord: true });
    expect((await egressCall('ListEgress', {}, withRecordGrant)).status).not.toBe(401);

    const started = await postJson(`${stack.url}/recordings/start`, { roomName: 'Least Privilege' }, bearer(browserToken));
    expect(started).toMatchObject({ status: 200, body: { recording: { status: 'starting' } } });
    await alice.waitFor(statusSignal('active'));
    expect((await postJson(`${stack.url}/recordings/stop`, { roomName: 'Least Privilege' }, bearer(browserToken))).status).toBe(200);
    await alice.waitFor(statusSignal('complete'));
  }, 60_000);

  it('keeps the recording in the room metadata: everyone sees each change, and a latecomer reads it at once on joining', async () => {
    const erin = await join('Metadata Recording', 'Erin');
    const started = await postJson<StartRecordingResponse>(
      `${stack.url}/recordings/start`,
      { roomName: 'Metadata Recording' },
      roomAuth('Metadata Recording', { apiKey: REAL_API_KEY, secret: REAL_API_SECRET, name: 'Erin' }),
    );
    expect(started.status).toBe(200);
    const { name } = started.body.recording;
    await erin.waitFor(metadataSays('starting'));
    const active = await erin.waitFor(metadataSays('active'));
    const recording = parseRoomRecording(active.type === 'roomMetadataChanged' ? active.metadata : undefined);
    expect(recording).toEqual({ status: 'active', name, startedAt: expect.any(Number), startedBy: 'Erin' });

    // Joins after the fact: the metadata is there with the join, no event needed.
    const frank = await join('Metadata Recording', 'Frank', { publish: false });
    expect(parseRoomRecording((await frank.state()).metadata)).toEqual(recording);

    expect((await postJson(`${stack.url}/recordings/stop`, { roomName: 'Metadata Recording' }, auth('Metadata Recording'))).status).toBe(
      200,
    );
    for (const participant of [erin, frank]) {
      await participant.waitFor(metadataSays('ending'));
      await participant.waitFor(metadataSays('complete'));
    }
    expect(parseRoomRecording((await frank.state()).metadata)).toMatchObject({ status: 'complete', name, startedBy: 'Erin' });
  }, 60_000);

  it("writes room metadata that reaches the room's participants, and reads it back", async () => {
    const dana = await join('Metadata Room', 'Dana', { publish: false });
    const rooms = stack.app.get(RoomService);
    const metadata = JSON.stringify({ recording: { status: 'active', name: 'x.mp4' }, theme: 'blue' });
    expect(await rooms.updateMetadata('Metadata Room', metadata)).toMatchObject({ name: 'Metadata Room', metadata });
    await dana.waitFor((e) => e.type === 'roomMetadataChanged' && e.metadata === metadata);
    expect(await rooms.readMetadata('Metadata Room')).toBe(metadata);
    expect(await rooms.updateMetadata('No Such Room', metadata)).toBeUndefined();
  });

  it("accepts the real server's signed webhooks and refuses a forged copy", async () => {
    await join('Webhook Room', 'Carol', { publish: false });
    const joinedEvent = await stack.webhooks.waitFor((d) => d.event === 'participant_joined' && d.body.includes('Webhook Room'));
    expect(joinedEvent.status).toBe(200);
    const roomStarted = await stack.webhooks.waitFor((d) => d.event === 'room_started' && d.body.includes('Webhook Room'));
    expect(roomStarted.status).toBe(200);

    const forged = await requestJson(`${stack.url}/livekit/webhook`, {
      method: 'POST',
      rawBody: joinedEvent.body.replace('Webhook Room', 'Other Room'),
      headers: { 'content-type': 'application/webhook+json', authorization: joinedEvent.authorization },
    });
    expect(forged.status).toBe(401);
  });
});
