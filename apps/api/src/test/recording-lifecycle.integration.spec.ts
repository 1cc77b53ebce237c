import { parseRoomRecording } from '@recording/contracts';

import { RoomServiceClient } from 'livekit-server-sdk';

import { roomAuth } from './support/credentials';
import { eventually } from './support/eventually';
import { postJson } from './support/http';
import { RoundRobinBalancer } from './support/load-balancer';
import { emptyContainer } from './support/recordings';
import { roomProbe } from './support/room-probe';
import { API_KEY, API_SECRET, startTestServer, TestServer } from './support/test-server';

describe('the recording lifecycle, the same on every replica', () => {
  let server: TestServer;
  let webhookUrl: string;
  beforeAll(async () => {
    server = await startTestServer();
    webhookUrl = `${server.url}/livekit/webhook`;
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    server.emulator.reset();
    server.emulator.setWebhookUrls([webhookUrl]);
    await emptyContainer(server.container);
  });

  const { announced, listed, storedRecord } = roomProbe(() => server);

  /** The recordings the room's metadata said, in the order it was written. */
  const metadataWritten = (roomName: string) =>
    server.emulator.roomMetadataUpdates.filter((update) => update.room === roomName).map((update) => parseRoomRecording(update.metadata));

  /** Stops through the API with a credential of the room, as `name`. */
  const stop = (roomName: string, via = server.url, name?: string) =>
    postJson<{ recording: { status: string } }>(`${via}/recordings/stop`, { roomName }, roomAuth(roomName, { name }));

  async function startIn(roomName: string, via = server.url, name?: string): Promise<{ name: string; egressId: string }> {
    if (!server.emulator.getRoom(roomName)) server.emulator.addParticipant(roomName, 'alice');
    const started = await postJson<{ recording: { name: string } }>(`${via}/recordings/start`, { roomName }, roomAuth(roomName, { name }));
    expect(started.status).toBe(200);
    const [egress] = server.emulator.listEgresses({ roomName, active: true });
    return { name: started.body.recording.name, egressId: egress.egressId };
  }

  async function ended(egressId: string): Promise<void> {
    await server.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE', 'EGRESS_FAILED', 'EGRESS_ABORTED']);
    await server.emulator.webhooksIdle();
  }

  it('keeps who started and stopped it, its start, end, duration, size and egress id in its details, never on the MP4', async () => {
    const started = await startIn('Credits Room', server.url, 'Zoë Ω');
    const egress = { egressId: started.egressId };
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ACTIVE']);
    expect((await stop('Credits Room', server.url, 'Grace')).status).toBe(200);
    await ended(egress.egressId);

    const [recording] = await eventually(async () => {
      const found = await listed('Credits Room');
      return found[0]?.duration ? found : undefined;
    });
    expect(recording).toMatchObject({ name: started.name, status: 'complete', duration: 2, startedBy: 'Zoë Ω', stoppedBy: 'Grace' });
    // The MP4 is immutable: what was learnt later sits in its details document, repeated in that blob's metadata.
    const file = await server.container.getBlobClient(`recordings/${started.name}`).getProperties();
    expect(file.metadata).toEqual({});
    const details = await server.container.getBlobClient(`recordings/.details/${started.name}`).getProperties();
    expect(details.metadata).toMatchObject({
      egressid: egress.egressId,
      endedatms: expect.stringMatching(/^\d{13}$/),
      sizebytes: String(file.contentLength),
      durationseconds: '2.000',
    });
    expect(await storedRecord('Credits Room', egress.egressId)).toMatchObject({ status: 'complete', startedBy: 'Zoë Ω' });
  });

  it('keeps the current recording in the room metadata, written on start, stop and each webhook, other keys kept', async () => {
    server.emulator.addParticipant('Metadata Room', 'ada');
    await new RoomServiceClient(server.emulator.url, API_KEY, API_SECRET).updateRoomMetadata('Metadata Room', '{"theme":"blue"}');
    const { name, egressId } = await startIn('Metadata Room', server.url, 'Ada');
    expect(parseRoomRecording(server.emulator.getRoom('Metadata Room')!.metadata)).toMatchObject({
      status: 'starting',
      name,
      startedBy: 'Ada',
    });
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await eventually(() => (metadataWritten('Metadata Room').some((r) => r?.status === 'active') ? true : undefined));
    await stop('Metadata Room');
    await ended(egressId);

    // The first update is the test's own (the theme).
    const written = metadataWritten('Metadata Room').slice(1);
    expect(written.map((recording) => recording?.status)).toEqual(['starting', 'active', 'ending', 'complete']);
    expect(written.every((recording) => recording?.name === name && recording.startedBy === 'Ada')).toBe(true);
    const active = written[1]!;
    expect(active.startedAt).toBeGreaterThanOrEqual(written[0]!.startedAt!);
    const final = JSON.parse(server.emulator.getRoom('Metadata Room')!.metadata) as Record<string, unknown>;
    expect(final).toEqual({ theme: 'blue', recording: { status: 'complete', name, startedAt: active.startedAt, startedBy: 'Ada' } });
  });

  it('leaves room metadata that is not JSON alone and still tells the room by data message', async () => {
    server.emulator.addParticipant('Plain Room', 'alice');
    await new RoomServiceClient(server.emulator.url, API_KEY, API_SECRET).updateRoomMetadata('Plain Room', 'owned by another app');
    await startIn('Plain Room');
    expect(server.emulator.getRoom('Plain Room')!.metadata).toBe('owned by another app');
    expect(announced('Plain Room')).toEqual([{ status: 'starting' }]);
  });

  it('writes the completion when the room is gone before the egress ends', async () => {
    const started = await startIn('Vanishing Room', server.url, 'Ada');
    const egress = { egressId: started.egressId };
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ACTIVE']);
    server.emulator.deleteRoom('Vanishing Room');
    await ended(egress.egressId);

    const [recording] = await eventually(async () => {
      const found = await listed('Vanishing Room');
      return found[0]?.duration ? found : undefined;
    });
    expect(recording).toMatchObject({ name: started.name, startedBy: 'Ada', status: 'complete' });
    expect(recording.stoppedBy).toBeUndefined();
  });

  it('announces an upload failure once, with its error, and lists nothing', async () => {
    server.emulator.failUploads(1);
    const { egressId } = await startIn('Upload Room');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await stop('Upload Room');
    await ended(egressId);

    const failures = await eventually(() => {
      const found = announced('Upload Room').filter((signal) => signal.status === 'failed');
      return found.length > 0 ? found : undefined;
    });
    expect(failures).toEqual([{ status: 'failed', error: expect.stringMatching(/^Azure upload failed: /) }]);
    expect(await storedRecord('Upload Room', egressId)).toMatchObject({ status: 'failed' });
    expect(await listed('Upload Room')).toEqual([]);
  });

  it('reports a stop of a recording still starting as aborted, with LiveKit’s reason', async () => {
    server.emulator.addParticipant('Shy Room', 'viewer', { publisher: false });
    const { egressId } = await startIn('Shy Room');
    const stopped = await stop('Shy Room');
    expect(stopped.body.recording.status).toBe('aborted');
    await ended(egressId);
    expect(announced('Shy Room')).toEqual([
      { status: 'starting' },
      { status: 'aborted', error: 'Stop called before pipeline could start' },
    ]);
  });

  it('two replicas that each get every event, twice and at the same time, announce each change once and agree', async () => {
    const replica = await server.startReplica();
    try {
      server.emulator.setWebhookUrls([webhookUrl, `${replica.url}/livekit/webhook`]);
      server.emulator.setWebhookFaults({ duplicate: true });
      const { egressId } = await startIn('Twin Room');
      await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
      await eventually(() => (announced('Twin Room').some((signal) => signal.status === 'active') ? true : undefined));
      expect((await stop('Twin Room', replica.url)).status).toBe(200);
      await ended(egressId);

      await eventually(() => (announced('Twin Room').length >= 4 ? true : undefined));
      expect(server.emulator.webhookDeliveries.filter((d) => d.egressId === egressId).every((d) => d.status === 200)).toBe(true);
      expect(announced('Twin Room').map((signal) => signal.status)).toEqual(['starting', 'active', 'ending', 'complete']);
      expect(metadataWritten('Twin Room').map((recording) => recording?.status)).toEqual(['starting', 'active', 'ending', 'complete']);
      expect(await storedRecord('Twin Room', egressId)).toMatchObject({ status: 'complete' });
      expect((await listed('Twin Room'))[0]).toMatchObject({ status: 'complete', duration: 2 });
    } finally {
      await replica.close();
    }
  });

  it('behind a round-robin balancer, duplicated and reversed deliveries end in the same state, announced once', async () => {
    const replica = await server.startReplica();
    const balancer = await RoundRobinBalancer.start([server.url, replica.url]);
    try {
      server.emulator.setWebhookUrls([`${balancer.url}/livekit/webhook`]);
      server.emulator.setWebhookFaults({ duplicate: true, reverseOrder: true });
      const { egressId } = await startIn('Balanced Room', replica.url);
      await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
      expect((await stop('Balanced Room')).status).toBe(200);
      await ended(egressId);

      expect(new Set(balancer.routed)).toEqual(new Set([0, 1]));
      // No webhook came before the end (reversed): the stop learnt "active" from LiveKit itself, and the late
      // "active" and "starting" deliveries were no news to either replica.
      expect(announced('Balanced Room').map((signal) => signal.status)).toEqual(['starting', 'active', 'ending', 'complete']);
      expect(metadataWritten('Balanced Room').map((recording) => recording?.status)).toEqual(['starting', 'active', 'ending', 'complete']);
      expect(await storedRecord('Balanced Room', egressId)).toMatchObject({ status: 'complete' });
      expect((await listed('Balanced Room'))[0]).toMatchObject({ status: 'complete', duration: 2 });
    } finally {
      await balancer.close();
      await replica.close();
    }
  });
});
