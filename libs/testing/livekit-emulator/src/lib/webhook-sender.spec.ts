import { WebhookReceiver } from 'livekit-server-sdk';
import { createServer } from 'node:net';

import { API_KEY, API_SECRET, type Harness, startHarness } from '../test-support/harness';
import { WebhookCapture } from '../test-support/webhook-capture';
import { LiveKitEmulator } from './livekit-emulator';

describe('webhooks', () => {
  let h: Harness;
  const receiver = new WebhookReceiver(API_KEY, API_SECRET);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.emulator.reset();
    h.emulator.setWebhookUrls([h.webhooks.url]);
    h.webhooks.clear();
  });

  /** Runs one egress to completion and returns its id. */
  async function recordOnce(room: string): Promise<string> {
    h.emulator.addParticipant(room, 'speaker');
    const { egressId } = await h.egressClient.startRoomCompositeEgress(room, h.fileOutput());
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(egressId);
    await h.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);
    return egressId;
  }

  const egressEvents = (egressId: string) =>
    h.webhooks.received
      .filter((w) => w.body.includes(egressId) && w.body.includes('"egress_'))
      .map((w) => {
        const body = JSON.parse(w.body);
        return `${body.event}:${body.egressInfo.status ?? 'EGRESS_STARTING'}`;
      });

  it('signs like the server: raw JWT (no Bearer), sha256 claim over the body, 5 minute expiry, LiveKit user agent', async () => {
    h.emulator.createRoom('signed');
    await h.emulator.waitForWebhook((d) => d.event === 'room_started');
    const [w] = h.webhooks.received;
    const authorization = String(w.headers['authorization']);
    expect(w.headers['user-agent']).toBe('LiveKit');
    expect(w.headers['content-type']).toBe('application/webhook+json');
    const event = await receiver.receive(w.body, authorization);
    expect(event.event).toBe('room_started');
    expect(event.room?.name).toBe('signed');

    const claims = JSON.parse(Buffer.from(authorization.split('.')[1], 'base64url').toString());
    expect(claims.iss).toBe(API_KEY);
    expect(claims.exp - claims.nbf).toBe(300);
    await expect(new WebhookReceiver(API_KEY, 'another-secret').receive(w.body, authorization)).rejects.toThrow();
    await expect(receiver.receive(w.body.replace('signed', 'forged'), authorization)).rejects.toThrow(/sha256/);
  });

  it('retries on 5xx and 429, keeping the per-egress order', async () => {
    // Room events travel on their own queue concurrently; only egress_started gets the errors.
    h.webhooks.respondWith([503, 429], (body) => body.includes('"egress_started"'));
    const egressId = await recordOnce('retry');
    await h.emulator.waitForWebhook((d) => d.egressId === egressId && d.event === 'egress_ended');
    const started = h.emulator.webhookDeliveries.find((d) => d.egressId === egressId && d.event === 'egress_started');
    expect(started).toMatchObject({ status: 200, attempts: 3, kind: 'sent' });
    expect(egressEvents(egressId)).toEqual([
      'egress_started:EGRESS_STARTING',
      'egress_started:EGRESS_STARTING',
      'egress_started:EGRESS_STARTING',
      'egress_updated:EGRESS_ACTIVE',
      'egress_updated:EGRESS_ENDING',
      'egress_ended:EGRESS_COMPLETE',
    ]);
  });

  it('does not retry a 4xx answer', async () => {
    h.webhooks.respondWith([401]);
    h.emulator.createRoom('rejected');
    const d = await h.emulator.waitForWebhook((x) => x.event === 'room_started');
    expect(d).toMatchObject({ status: 401, attempts: 1 });
  });

  it('gives up after the retries on network errors (status 0)', async () => {
    const closedPort = await freePort();
    h.emulator.setWebhookUrls([`http://127.0.0.1:${closedPort}/livekit/webhook`]);
    h.emulator.createRoom('unreachable');
    const d = await h.emulator.waitForWebhook((x) => x.event === 'room_started');
    expect(d).toMatchObject({ status: 0, attempts: 4, url: `http://127.0.0.1:${closedPort}/livekit/webhook` });
  });

  it('drops the listed events (fault injection) and records them as dropped', async () => {
    h.emulator.setWebhookFaults({ drop: ['egress_ended'] });
    const egressId = await recordOnce('dropping');
    await h.emulator.waitForWebhook((d) => d.egressId === egressId && d.event === 'egress_ended');
    await h.emulator.webhooksIdle();
    expect(h.emulator.webhookDeliveries.find((d) => d.event === 'egress_ended')).toMatchObject({ kind: 'dropped', status: 0 });
    expect(egressEvents(egressId)).toEqual([
      'egress_started:EGRESS_STARTING',
      'egress_updated:EGRESS_ACTIVE',
      'egress_updated:EGRESS_ENDING',
    ]);
  });

  it('duplicates every event (same body and id) when asked', async () => {
    h.emulator.setWebhookFaults({ duplicate: true });
    h.emulator.createRoom('twice');
    await h.emulator.waitForWebhook((d) => d.event === 'room_started' && d.kind === 'duplicate');
    expect(h.webhooks.received).toHaveLength(2);
    expect(h.webhooks.received[0].body).toBe(h.webhooks.received[1].body);
    expect(h.emulator.webhookDeliveries.map((d) => d.kind)).toEqual(['sent', 'duplicate']);
  });

  it("delivers an egress's events in reverse order when asked", async () => {
    h.emulator.setWebhookFaults({ reverseOrder: true });
    const egressId = await recordOnce('reversed');
    await h.emulator.waitForWebhook((d) => d.egressId === egressId && d.event === 'egress_started');
    expect(egressEvents(egressId)).toEqual([
      'egress_ended:EGRESS_COMPLETE',
      'egress_updated:EGRESS_ENDING',
      'egress_updated:EGRESS_ACTIVE',
      'egress_started:EGRESS_STARTING',
    ]);
  });

  it('holds each event for delayMs before delivering it, in order (delayMs)', async () => {
    h.emulator.setWebhookFaults({ delayMs: 60_000 });
    h.emulator.createRoom('held back');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.webhooks.received).toHaveLength(0);
    h.emulator.reset();

    h.emulator.setWebhookFaults({ delayMs: 20 });
    const egressId = await recordOnce('delayed');
    await h.emulator.waitForWebhook((d) => d.egressId === egressId && d.event === 'egress_ended');
    expect(egressEvents(egressId)).toEqual([
      'egress_started:EGRESS_STARTING',
      'egress_updated:EGRESS_ACTIVE',
      'egress_updated:EGRESS_ENDING',
      'egress_ended:EGRESS_COMPLETE',
    ]);
  });

  it('sends to every configured URL, and setWebhookUrls switches them', async () => {
    const second = await WebhookCapture.start();
    // Only this room's: a recorder of the test before may still be leaving its room (participant_left).
    const fanOut = (capture: WebhookCapture) =>
      capture.received.filter((webhook) => (JSON.parse(webhook.body) as { room?: { name?: string } }).room?.name === 'fan-out');
    try {
      h.emulator.setWebhookUrls([h.webhooks.url, second.url]);
      h.emulator.createRoom('fan-out');
      await h.emulator.waitForWebhook((d) => d.url === second.url);
      await h.emulator.webhooksIdle();
      expect(fanOut(h.webhooks)).toHaveLength(1);
      expect(fanOut(second)).toHaveLength(1);

      h.emulator.setWebhookUrls([second.url]);
      h.emulator.deleteRoom('fan-out');
      await h.emulator.waitForWebhook((d) => d.event === 'room_finished');
      expect(fanOut(h.webhooks)).toHaveLength(1);
      expect(fanOut(second)).toHaveLength(2);
    } finally {
      await second.stop();
    }
  });

  it('signs with the configured webhook key, and refuses a key it does not have', async () => {
    const capture = await WebhookCapture.start();
    const storage = { blobEndpoint: h.azurite.blobEndpoint, accountName: h.azurite.accountName, accountKey: h.azurite.accountKey };
    const emulator = await LiveKitEmulator.start({
      keys: { first: 'first-secret', hooks: 'hooks-secret' },
      webhook: { urls: [capture.url], apiKey: 'hooks' },
      storage,
    });
    try {
      emulator.createRoom('keyed');
      const d = await emulator.waitForWebhook(() => true);
      await expect(new WebhookReceiver('hooks', 'hooks-secret').receive(d.body, d.authorization)).resolves.toBeDefined();
    } finally {
      await emulator.stop();
      await capture.stop();
    }
    await expect(LiveKitEmulator.start({ webhook: { urls: [], apiKey: 'missing' }, storage })).rejects.toThrow(/webhook.apiKey/);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
