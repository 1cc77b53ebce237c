import { ListRecordingsResponse } from '@recording/contracts';

import { EgressClient } from 'livekit-server-sdk';

import { roomAuth } from './support/credentials';
import { eventually } from './support/eventually';
import { requestJson } from './support/http';
import { emptyContainer } from './support/recordings';
import { roomProbe } from './support/room-probe';
import { API_KEY, API_SECRET, startTestServer, TestServer } from './support/test-server';

const EGRESS_EVENTS = ['egress_started', 'egress_updated', 'egress_ended'];

describe('the reconciler: never stuck, never lost', () => {
  let server: TestServer;
  const probe = roomProbe(() => server);
  beforeAll(async () => {
    server = await startTestServer({ RECORDING_START_TIMEOUT: '3s' });
    server.emulator.setWebhookUrls([`${server.url}/livekit/webhook`]);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    server.emulator.reset();
    await emptyContainer(server.container);
  });

  it('stops a start that never becomes a recording and reports it failed: nobody publishes', async () => {
    server.emulator.addParticipant('Silent Room', 'viewer', { publisher: false });
    const egressId = await probe.start('Silent Room');

    const failed = await probe.told('Silent Room', 'failed');
    expect(failed.error).toMatch(/^The recording did not start within 3 s: nobody in the room publishes a camera or microphone/);
    expect(server.emulator.getEgress(egressId)?.status).toBe('EGRESS_ABORTED');
    expect((await probe.storedRecord('Silent Room', egressId))?.status).toBe('failed');
    await server.emulator.webhooksIdle();
    expect(probe.announced('Silent Room')).toEqual([{ status: 'starting' }, { status: 'failed', error: failed.error }]);
    expect(probe.stopCalls()).toBe(1);
    // The room can record again.
    expect((await probe.stop('Silent Room')).status).toBe(409);
  });

  it('reports a start whose Egress never gets media as failed, naming Egress', async () => {
    server.emulator.addParticipant('Stalled Room', 'speaker');
    server.emulator.stallStarts(1);
    const egressId = await probe.start('Stalled Room');
    const failed = await probe.told('Stalled Room', 'failed');
    expect(failed.error).toMatch(/LiveKit Egress did not begin recording/);
    expect(server.emulator.getEgress(egressId)?.status).toBe('EGRESS_ABORTED');
  });

  it('writes the completion when egress_ended never arrives, and tells the room once', async () => {
    server.emulator.addParticipant('Lost End Room', 'speaker');
    server.emulator.setWebhookFaults({ drop: ['egress_ended'] });
    const egressId = await probe.start('Lost End Room', server.url, 'Zoë');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    expect((await probe.stop('Lost End Room')).status).toBe(200);
    await server.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);

    const [recording] = await eventually(async () => {
      const found = await probe.listed('Lost End Room');
      return found[0]?.duration ? found : undefined;
    });
    expect(recording).toMatchObject({ status: 'complete', duration: 2, startedBy: 'Zoë' });
    await probe.told('Lost End Room', 'complete');
    expect(probe.announced('Lost End Room').filter((signal) => signal.status === 'complete')).toHaveLength(1);
  });

  it('follows a recording through LiveKit alone when no egress webhook arrives at all', async () => {
    server.emulator.addParticipant('Deaf Room', 'speaker');
    server.emulator.setWebhookFaults({ drop: EGRESS_EVENTS });
    const egressId = await probe.start('Deaf Room');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await probe.told('Deaf Room', 'active');
    await probe.stop('Deaf Room');
    await probe.told('Deaf Room', 'complete');
    expect(probe.announced('Deaf Room').map((signal) => signal.status)).toEqual(['starting', 'active', 'ending', 'complete']);
  });

  it('takes late deliveries of what it already learnt from LiveKit as no news', async () => {
    server.emulator.addParticipant('Late Room', 'speaker');
    server.emulator.setWebhookFaults({ delayMs: 1_500 });
    const egressId = await probe.start('Late Room');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await probe.told('Late Room', 'active');
    await probe.stop('Late Room');
    await server.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);
    await probe.told('Late Room', 'complete');
    await server.emulator.webhooksIdle();
    expect(server.emulator.webhookDeliveries.filter((d) => d.egressId === egressId).map((d) => d.status)).toEqual([200, 200, 200, 200]);
    expect(probe.announced('Late Room').map((signal) => signal.status)).toEqual(['starting', 'active', 'ending', 'complete']);
  });

  it('shows an upload failure as failed with its error even when its webhook is lost', async () => {
    server.emulator.addParticipant('Broken Upload Room', 'speaker');
    server.emulator.failUploads(1);
    server.emulator.setWebhookFaults({ drop: ['egress_ended'] });
    const egressId = await probe.start('Broken Upload Room');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await probe.stop('Broken Upload Room');
    const failed = await probe.told('Broken Upload Room', 'failed');
    expect(failed.error).toMatch(/^Azure upload failed: /);
  });

  it('with two replicas sweeping, gives up on a stalled start once: one StopEgress, one announcement', async () => {
    server.emulator.addParticipant('Watched Room', 'viewer', { publisher: false });
    const egressId = await probe.start('Watched Room');
    // Started after the recording: its first sweep finds it in progress, and it keeps sweeping too.
    const replica = await server.startReplica();
    try {
      await probe.told('Watched Room', 'failed');
      await server.emulator.webhooksIdle();
      expect(server.emulator.getEgress(egressId)?.status).toBe('EGRESS_ABORTED');
      expect(probe.stopCalls()).toBe(1);
      expect(probe.announced('Watched Room').map((signal) => signal.status)).toEqual(['starting', 'failed']);
    } finally {
      await replica.close();
    }
  });
});

describe('the reconciler across a replica restart', () => {
  let server: TestServer;
  const probe = roomProbe(() => server);
  // The recording is started on a replica that then goes away; the first server never hears of it.
  beforeAll(async () => (server = await startTestServer({ RECORDING_START_TIMEOUT: '3s' })));
  afterAll(() => server.close());

  it('a replica that restarts mid-recording finds the recording, learns how it ended, and tells the room once', async () => {
    const first = await server.startReplica();
    server.emulator.setWebhookUrls([`${first.url}/livekit/webhook`]);
    server.emulator.addParticipant('Restart Room', 'speaker');
    const egressId = await probe.start('Restart Room', first.url, 'Grace');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await probe.told('Restart Room', 'active');
    await first.close();

    // While no replica listens, the recording ends (its webhooks fail and are lost).
    await new EgressClient(server.emulator.url, API_KEY, API_SECRET).stopEgress(egressId);
    await server.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);
    await server.emulator.webhooksIdle();
    expect(probe.roomRecording('Restart Room')?.status).toBe('active');

    const restarted = await server.startReplica();
    try {
      server.emulator.setWebhookUrls([`${restarted.url}/livekit/webhook`]);
      await probe.told('Restart Room', 'complete');
      expect((await probe.storedRecord('Restart Room', egressId))?.status).toBe('complete');
      expect((await probe.listed('Restart Room'))[0]).toMatchObject({ status: 'complete', duration: 2, startedBy: 'Grace' });
      // "ending" came and went while nobody listened: the end is what there is to tell.
      expect(probe.announced('Restart Room').map((signal) => signal.status)).toEqual(['starting', 'active', 'complete']);
    } finally {
      await restarted.close();
    }
  });
});

describe('the reconciler on join-time reads', () => {
  let server: TestServer;
  const probe = roomProbe(() => server);
  // A start timeout of an hour: the sweep comes every 10 s, so what the test sees comes from the read itself.
  beforeAll(async () => {
    server = await startTestServer({ RECORDING_START_TIMEOUT: '1h' });
    server.emulator.setWebhookUrls([`${server.url}/livekit/webhook`]);
  });
  afterAll(() => server.close());

  it('brings the room metadata up to date when a room’s recordings are read, although every webhook was lost', async () => {
    server.emulator.addParticipant('Join Room', 'speaker');
    server.emulator.setWebhookFaults({ drop: EGRESS_EVENTS });
    const egressId = await probe.start('Join Room');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    expect(probe.roomRecording('Join Room')?.status).toBe('starting');

    await probe.listed('Join Room');
    expect(probe.roomRecording('Join Room')).toMatchObject({ status: 'active', startedBy: 'Ada' });
  });

  it('does no work for a room the credential does not cover: an empty list, LiveKit not asked', async () => {
    server.emulator.addParticipant('Private Room', 'speaker');
    server.emulator.setWebhookFaults({ drop: EGRESS_EVENTS });
    const egressId = await probe.start('Private Room');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    const callsBefore = server.emulator.twirpCalls.length;
    const listed = await requestJson<ListRecordingsResponse>(`${server.url}/recordings?roomName=${encodeURIComponent('Private Room')}`, {
      headers: roomAuth('Somewhere Else'),
    });
    expect(listed).toMatchObject({ status: 200, body: { recordings: [] } });
    expect(server.emulator.twirpCalls.slice(callsBefore)).toEqual([]);
    expect(probe.roomRecording('Private Room')?.status).toBe('starting');
  });
});
