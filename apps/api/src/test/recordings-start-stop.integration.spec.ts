import { RECORDING_DATA_TOPIC, RecordingSignal } from '@recording/contracts';
import { AZURITE_ACCOUNT_KEY, AZURITE_ACCOUNT_NAME } from '@recording/embedded-azurite';

import { AzureBlobUpload, EgressClient, EncodedFileOutput, EncodedFileType, RoomServiceClient } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';

import { roomAuth } from './support/credentials';
import { postJson } from './support/http';
import { API_KEY, API_SECRET, CONTAINER, startTestServer, TestServer } from './support/test-server';

type StartBody = { message: string; recording: { name: string; roomName: string; roomId: string; startedAt: number; status: string } };

describe('POST /recordings/start and /recordings/stop', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());
  beforeEach(() => server.emulator.reset());

  /** A credential for the room (for a roomName that is not one, any room: validation answers then). */
  const auth = (roomName: unknown) => roomAuth(typeof roomName === 'string' && roomName !== '' ? roomName : 'Any Room');
  const start = (roomName: unknown) =>
    postJson<StartBody & { errorMessage?: string }>(`${server.url}/recordings/start`, { roomName }, auth(roomName));
  const stop = (roomName: unknown) =>
    postJson<StartBody & { errorMessage?: string }>(`${server.url}/recordings/stop`, { roomName }, auth(roomName));

  function roomWithPeople(name: string): string {
    server.emulator.addParticipant(name, 'alice');
    return server.emulator.getRoom(name)!.sid;
  }

  it('starts a room-composite MP4 egress and reports the recording as starting', async () => {
    const roomId = roomWithPeople('Test Room');
    const before = Date.now();
    const response = await start('Test Room');

    expect(response.status).toBe(200);
    expect(response.body.message).toBe('Recording started');
    const { recording } = response.body;
    expect(recording).toMatchObject({ roomName: 'Test Room', roomId, status: 'starting' });
    expect(recording.name).toMatch(new RegExp(`^RoomComposite-Test Room-\\d{4}-\\d{2}-\\d{2}T\\d{6}-${roomId}\\.mp4$`));
    expect(recording.startedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(recording.startedAt).toBeLessThanOrEqual(Date.now());

    const [egress] = server.emulator.listEgresses({ roomName: 'Test Room' });
    expect(egress.filename).toBe(`recordings/${recording.name}`);
    expect(egress.containerName).toBe(CONTAINER);
  });

  it('asks for the layout and sound-only choice it was given (grid and picture by default), and reports them', async () => {
    roomWithPeople('Options Room');
    const plain = await start('Options Room');
    expect(plain.body.recording).toMatchObject({ layout: 'grid', audioOnly: false });
    expect(server.emulator.listEgresses({ roomName: 'Options Room' })[0]).toMatchObject({
      layout: 'grid',
      audioOnly: false,
      customBaseUrl: '',
    });
    expect((await stop('Options Room')).status).toBe(200);

    roomWithPeople('Sound Room');
    const sound = await postJson<StartBody>(
      `${server.url}/recordings/start`,
      { roomName: 'Sound Room', layout: 'speaker', audioOnly: true },
      auth('Sound Room'),
    );
    expect(sound.status).toBe(200);
    expect(sound.body.recording).toMatchObject({ layout: 'speaker', audioOnly: true, status: 'starting' });
    expect(server.emulator.listEgresses({ roomName: 'Sound Room' })[0]).toMatchObject({ layout: 'speaker', audioOnly: true });
  });

  it.each([
    ['an unknown layout', { layout: 'mosaic' }, 'layout must be one of grid, speaker, single-speaker'],
    ['a layout that is not a string', { layout: 3 }, 'layout must be one of'],
    ['audioOnly as text', { audioOnly: 'yes' }, 'audioOnly must be true or false'],
  ])('answers 400 for %s, and starts nothing', async (_label, options, message) => {
    roomWithPeople('Bad Options');
    const response = await postJson(`${server.url}/recordings/start`, { roomName: 'Bad Options', ...options }, auth('Bad Options'));
    expect(response.status).toBe(400);
    expect(response.body['errorMessage']).toEqual(expect.stringContaining(message));
    expect(server.emulator.listEgresses({ roomName: 'Bad Options' })).toEqual([]);
  });

  it('switches a running recording to another layout through UpdateLayout, and tells the room', async () => {
    roomWithPeople('Layout Room');
    const started = await start('Layout Room');
    const egressId = server.emulator.listEgresses({ roomName: 'Layout Room' })[0].egressId;
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    const changeLayout = (body: object) =>
      postJson(`${server.url}/recordings/layout`, { roomName: 'Layout Room', ...body }, auth('Layout Room'));

    const changed = await changeLayout({ layout: 'single-speaker' });
    expect(changed).toMatchObject({
      status: 200,
      body: { message: 'Layout changed', recording: { name: started.body.recording.name, layout: 'single-speaker', status: 'active' } },
    });
    // As Egress's UpdateLayout does: the recorder participant's metadata carries the layout to its template.
    const participants = await new RoomServiceClient(server.emulator.url, API_KEY, API_SECRET).listParticipants('Layout Room');
    expect(participants.find((participant) => participant.identity === egressId)?.metadata).toBe('{"layout":"single-speaker"}');
    const told = await waitFor(() =>
      server.emulator.sentData
        .filter((packet) => packet.room === 'Layout Room')
        .map((packet) => JSON.parse(packet.payload) as RecordingSignal)
        .find(
          (signal) => signal.type === 'recording_status' && 'layout' in signal.recording && signal.recording.layout === 'single-speaker',
        ),
    );
    expect(told).toMatchObject({ recording: { status: 'active', layout: 'single-speaker' } });

    expect((await changeLayout({ layout: 'tiles' })).status).toBe(400);
    expect((await stop('Layout Room')).status).toBe(200);
    expect(await changeLayout({ layout: 'grid' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Recording not started for this room' },
    });
  });

  it('refuses a layout for a recording that records sound only (409)', async () => {
    roomWithPeople('Radio Room');
    await postJson(`${server.url}/recordings/start`, { roomName: 'Radio Room', audioOnly: true }, auth('Radio Room'));
    const changed = await postJson(`${server.url}/recordings/layout`, { roomName: 'Radio Room', layout: 'speaker' }, auth('Radio Room'));
    expect(changed).toMatchObject({ status: 409, body: { errorMessage: expect.stringContaining('sound only') } });
  });

  it('tells the room through a reliable data message', async () => {
    roomWithPeople('Signal Room');
    await start('Signal Room');
    const packet = await waitFor(() => server.emulator.sentData.find((p) => p.room === 'Signal Room'));
    expect(packet.topic).toBe(RECORDING_DATA_TOPIC);
    const signal = JSON.parse(packet.payload) as RecordingSignal;
    expect(signal).toMatchObject({ type: 'recording_status', recording: { roomName: 'Signal Room', status: 'starting' } });
  });

  it('answers 409 when the room is already being recorded', async () => {
    roomWithPeople('Busy Room');
    expect((await start('Busy Room')).status).toBe(200);
    const second = await start('Busy Room');
    expect(second).toMatchObject({ status: 409, body: { errorMessage: 'Recording already started for this room' } });
    expect(server.emulator.listEgresses({ roomName: 'Busy Room' })).toHaveLength(1);
  });

  it('creates exactly one egress when 20 start requests for the room arrive at once', async () => {
    roomWithPeople('Crowded Room');
    const responses = await Promise.all(Array.from({ length: 20 }, () => start('Crowded Room')));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(server.emulator.listEgresses({ roomName: 'Crowded Room' })).toHaveLength(1);
  });

  it('creates exactly one egress when two replicas get 10 start requests each at once', async () => {
    roomWithPeople('Replicated Room');
    const replica = await server.startReplica();
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          postJson(`${i % 2 ? replica.url : server.url}/recordings/start`, { roomName: 'Replicated Room' }, auth('Replicated Room')),
        ),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
      expect(server.emulator.listEgresses({ roomName: 'Replicated Room' })).toHaveLength(1);
    } finally {
      await replica.close();
    }
  });

  it('leaves no lock held in the shared container', async () => {
    roomWithPeople('Tidy Room');
    await start('Tidy Room');
    await stop('Tidy Room');
    // Webhooks take the room's lock too: once they are all answered, nobody may hold it (the empty lock blob stays).
    const [egress] = server.emulator.listEgresses({ roomName: 'Tidy Room' });
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ABORTED', 'EGRESS_COMPLETE']);
    await server.emulator.webhooksIdle();
    const lock = `recordings/.locks/${createHash('sha256').update('Tidy Room').digest('hex')}`;
    const properties = await server.container.getBlobClient(lock).getProperties();
    expect(properties.contentLength).toBe(0);
    expect(properties.leaseState).toBe('available');
  });

  it('answers 409 when the room does not exist, without starting anything', async () => {
    const response = await start('Nobody Here');
    expect(response.status).toBe(409);
    expect(response.body.errorMessage).toContain('does not exist');
    expect(server.emulator.listEgresses()).toHaveLength(0);
  });

  it('answers 409 when the room has no participants (egress would hang in STARTING)', async () => {
    server.emulator.createRoom('Empty Room');
    const response = await start('Empty Room');
    expect(response.status).toBe(409);
    expect(response.body.errorMessage).toContain('no participants');
    expect(server.emulator.listEgresses()).toHaveLength(0);
  });

  it.each([
    ['missing', undefined, 'roomName is required'],
    ['empty', '', 'roomName is required'],
    ['invalid', 'a/b', 'roomName must be'],
  ])('answers 400 for a %s roomName', async (_label, roomName, message) => {
    const response = await start(roomName);
    expect(response.status).toBe(400);
    expect(response.body.errorMessage).toEqual(expect.stringContaining(message));
  });

  it('stops the recording: 200 ending, then the egress completes and the MP4 lands in the container', async () => {
    roomWithPeople('Stop Room');
    const started = await start('Stop Room');
    const [egress] = server.emulator.listEgresses({ roomName: 'Stop Room' });
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ACTIVE']);

    const stopped = await stop('Stop Room');
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual({
      message: 'Recording stopped',
      recording: {
        name: started.body.recording.name,
        roomName: 'Stop Room',
        roomId: started.body.recording.roomId,
        status: 'ending',
      },
    });
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_COMPLETE']);
    expect(await server.container.getBlobClient(`recordings/${started.body.recording.name}`).exists()).toBe(true);
  });

  it('stops a recording that is still starting (LiveKit aborts it)', async () => {
    server.emulator.addParticipant('Quiet Room', 'viewer', { publisher: false });
    expect((await start('Quiet Room')).status).toBe(200);
    const stopped = await stop('Quiet Room');
    expect(stopped.status).toBe(200);
    expect(stopped.body.message).toBe('Recording stopped');
    const [egress] = server.emulator.listEgresses({ roomName: 'Quiet Room' });
    expect(egress.status).toBe('EGRESS_ABORTED');
  });

  const stopCalls = () => server.emulator.twirpCalls.filter((call) => call.method === 'livekit.Egress/StopEgress').length;

  async function activeRecording(roomName: string): Promise<{ name: string; egressId: string }> {
    roomWithPeople(roomName);
    const started = await start(roomName);
    expect(started.status).toBe(200);
    const [egress] = server.emulator.listEgresses({ roomName });
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ACTIVE']);
    return { name: started.body.recording.name, egressId: egress.egressId };
  }

  it('answers 409 to a second stop while the recording is saving, and calls StopEgress once', async () => {
    server.emulator.holdUploads();
    const { egressId } = await activeRecording('Saving Room');
    expect((await stop('Saving Room')).status).toBe(200);
    const again = await stop('Saving Room');
    expect(again).toMatchObject({ status: 409, body: { errorMessage: 'Recording not started for this room' } });
    expect(server.emulator.getEgress(egressId)?.status).toBe('EGRESS_ENDING');
    expect(stopCalls()).toBe(1);
  });

  it('calls StopEgress once when 20 stop requests for the room arrive at once', async () => {
    server.emulator.holdUploads();
    await activeRecording('Stampede Room');
    const responses = await Promise.all(Array.from({ length: 20 }, () => stop('Stampede Room')));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    expect(stopCalls()).toBe(1);
  });

  it('calls StopEgress once when two replicas get 10 stop requests each at once', async () => {
    server.emulator.holdUploads();
    await activeRecording('Replicated Stop Room');
    const replica = await server.startReplica();
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          postJson(
            `${i % 2 ? replica.url : server.url}/recordings/stop`,
            { roomName: 'Replicated Stop Room' },
            auth('Replicated Stop Room'),
          ),
        ),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
      expect(stopCalls()).toBe(1);
    } finally {
      await replica.close();
    }
  });

  it('starts a new recording while the previous one is still saving', async () => {
    server.emulator.holdUploads();
    const first = await activeRecording('Back To Back Room');
    expect((await stop('Back To Back Room')).status).toBe(200);
    const second = await start('Back To Back Room');
    expect(second.status).toBe(200);
    expect(server.emulator.getEgress(first.egressId)?.status).toBe('EGRESS_ENDING');
    expect(server.emulator.listEgresses({ roomName: 'Back To Back Room', active: true })).toHaveLength(2);
    // The stop goes to the new recording; the one saving is left alone.
    const [newest] = server.emulator.listEgresses({ roomName: 'Back To Back Room' }).filter((e) => e.egressId !== first.egressId);
    const stopped = await stop('Back To Back Room');
    expect(stopped.body.recording.name).toBe(second.body.recording.name);
    expect(server.emulator.getEgress(newest.egressId)?.status).toBe('EGRESS_ABORTED');
    expect(stopCalls()).toBe(2);
  });

  it('answers 409 when no recording is running', async () => {
    roomWithPeople('Idle Room');
    const response = await stop('Idle Room');
    expect(response).toMatchObject({ status: 409, body: { errorMessage: 'Recording not started for this room' } });
  });

  it("leaves other applications' egresses of the room alone", async () => {
    roomWithPeople('Shared Room');
    const [accountName, accountKey] = [AZURITE_ACCOUNT_NAME, AZURITE_ACCOUNT_KEY];
    const foreign = await new EgressClient(server.emulator.url, API_KEY, API_SECRET).startRoomCompositeEgress(
      'Shared Room',
      new EncodedFileOutput({
        fileType: EncodedFileType.MP4,
        filepath: 'meet/recordings/{room_name}-{time}',
        output: { case: 'azure', value: new AzureBlobUpload({ accountName, accountKey, containerName: CONTAINER }) },
      }),
    );

    expect((await stop('Shared Room')).status).toBe(409);
    expect((await start('Shared Room')).status).toBe(200);
    expect(server.emulator.getEgress(foreign.egressId)?.status).not.toMatch(/ENDING|COMPLETE|ABORTED/);
  });

  it('answers 400 for an invalid roomName on stop', async () => {
    expect((await stop(' x')).status).toBe(400);
  });

  it('can record the same room again after a recording ended', async () => {
    roomWithPeople('Again Room');
    await start('Again Room');
    const [first] = server.emulator.listEgresses({ roomName: 'Again Room' });
    await server.emulator.waitForEgress(first.egressId, ['EGRESS_ACTIVE']);
    await stop('Again Room');
    await server.emulator.waitForEgress(first.egressId, ['EGRESS_COMPLETE']);
    expect((await start('Again Room')).status).toBe(200);
  });
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('RECORDING_TEMPLATE_URL', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer({ RECORDING_TEMPLATE_URL: 'http://app:6080/recording-template' })));
  afterAll(() => server.close());

  it("reaches Egress as customBaseUrl, so Egress renders the app's own template", async () => {
    server.emulator.addParticipant('Template Room', 'alice');
    const started = await postJson(
      `${server.url}/recordings/start`,
      { roomName: 'Template Room', layout: 'speaker' },
      roomAuth('Template Room'),
    );
    expect(started.status).toBe(200);
    expect(server.emulator.listEgresses({ roomName: 'Template Room' })[0]).toMatchObject({
      customBaseUrl: 'http://app:6080/recording-template',
      layout: 'speaker',
    });
  });
});
