import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';

import { roomAuth } from './support/credentials';
import { requestJson } from './support/http';
import { putBlob, recordingName } from './support/recordings';
import { API_KEY, API_SECRET, startTestServer, TestServer } from './support/test-server';

/** Signs a webhook body like LiveKit does: raw JWT, claim sha256 = base64(SHA-256(body)). */
async function sign(body: string, options: { key?: string; secret?: string; hashOf?: string } = {}): Promise<string> {
  const token = new AccessToken(options.key ?? API_KEY, options.secret ?? API_SECRET, { ttl: '5m' });
  token.sha256 = createHash('sha256')
    .update(options.hashOf ?? body)
    .digest('base64');
  return token.toJwt();
}

function egressEndedBody(name: string, egressId: string, status = 'EGRESS_COMPLETE', roomId = 'RM_hook'): string {
  return JSON.stringify({
    event: 'egress_ended',
    id: `EV_${egressId}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    egressInfo: {
      egressId,
      roomId,
      roomName: 'Hook Room',
      status,
      startedAt: '1795428900123000000',
      endedAt: '1795428962623000000',
      fileResults: [
        {
          filename: `recordings/${name}`,
          startedAt: '1795428900500000000',
          endedAt: '1795428962623000000',
          duration: '62123000000',
          size: '4096',
        },
      ],
    },
  });
}

describe('POST /livekit/webhook', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());
  beforeEach(() => server.emulator.reset());

  /** Posts a webhook; the answer body is empty on success and `{errorMessage}` on failure. */
  async function deliver(body: string, authorization?: string, contentType = 'application/webhook+json') {
    const response = await fetch(`${server.url}/livekit/webhook`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType, ...(authorization === undefined ? {} : { authorization }) },
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async function listed(name: string, roomId = 'RM_hook') {
    const list = await requestJson<{ recordings: Array<{ name: string; duration?: number; startedAt: number }> }>(
      `${server.url}/recordings?roomId=${roomId}`,
      { headers: roomAuth('Hook Room') },
    );
    return list.body.recordings.find((r) => r.name === name);
  }

  it('records the exact start and the duration of a completed recording from egress_ended', async () => {
    const name = recordingName('Hook Room', '2026-11-23T101500', 'RM_hook');
    await putBlob(server.container, `recordings/${name}`);
    const body = egressEndedBody(name, 'EG_hook1');
    expect((await deliver(body, await sign(body))).status).toBe(200);
    expect(await listed(name)).toMatchObject({ duration: 62.123, startedAt: 1795428900500 });
  });

  it('accepts a webhook sent as application/json too (signature over the same bytes)', async () => {
    const name = recordingName('Hook Room', '2026-11-23T111500', 'RM_hook');
    await putBlob(server.container, `recordings/${name}`);
    const body = egressEndedBody(name, 'EG_hookjson');
    expect((await deliver(body, await sign(body), 'application/json')).status).toBe(200);
    expect((await listed(name))?.duration).toBe(62.123);
  });

  describe('refuses forgeries with 401 and changes nothing', () => {
    const name = recordingName('Hook Room', '2026-11-23T121500', 'RM_hook');
    const body = egressEndedBody(name, 'EG_forged');
    beforeAll(() => putBlob(server.container, `recordings/${name}`));

    it.each([
      ['no Authorization header', async () => undefined],
      ['an empty Authorization header', async () => ''],
      ['a token signed with another secret', () => sign(body, { secret: 'not-the-secret-not-the-secret-00' })],
      ['a token of an unknown API key', () => sign(body, { key: 'otherkey' })],
      ['a hash of another body', () => sign(body, { hashOf: body.replace('62123000000', '1000000000') })],
      ['a Bearer-prefixed token', async () => `Bearer ${await sign(body)}`],
      ['garbage', async () => 'not-a-jwt'],
    ])('%s', async (_label, authorization) => {
      const response = await deliver(body, await authorization());
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errorMessage: expect.stringMatching(/Invalid webhook/) });
      expect((await listed(name))?.duration).toBeUndefined();
      expect(server.emulator.sentData).toHaveLength(0);
    });

    it('a body changed after signing', async () => {
      const signature = await sign(body);
      const tampered = body.replace('62123000000', '9999000000000');
      expect((await deliver(tampered, signature)).status).toBe(401);
      expect((await listed(name))?.duration).toBeUndefined();
    });
  });

  it('is harmless when delivered twice or out of order', async () => {
    server.emulator.addParticipant('Hook Room', 'alice');
    // News of this room (its SID): the room hears of it.
    const { sid } = server.emulator.getRoom('Hook Room')!;
    const name = recordingName('Hook Room', '2026-11-23T131500', sid);
    await putBlob(server.container, `recordings/${name}`);
    const ended = egressEndedBody(name, 'EG_dup', 'EGRESS_COMPLETE', sid);
    const lateUpdate = JSON.stringify({
      ...JSON.parse(ended),
      event: 'egress_updated',
      egressInfo: { ...JSON.parse(ended).egressInfo, status: 'EGRESS_ACTIVE' },
    });
    expect((await deliver(ended, await sign(ended))).status).toBe(200);
    expect((await deliver(ended, await sign(ended))).status).toBe(200);
    expect((await deliver(lateUpdate, await sign(lateUpdate))).status).toBe(200);
    expect(await listed(name, sid)).toMatchObject({ duration: 62.123 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signals = server.emulator.sentData.filter((p) => p.payload.includes('EG_dup') || p.payload.includes(name));
    expect(signals.map((p) => JSON.parse(p.payload).recording.status)).toEqual(['complete']);
  });

  it('acknowledges events about other applications’ egresses without touching their files', async () => {
    const body = JSON.stringify({
      event: 'egress_ended',
      id: 'EV_foreign',
      egressInfo: { egressId: 'EG_foreign', roomName: 'Hook Room', status: 'EGRESS_COMPLETE', fileResults: [{ filename: 'meet/x.mp4' }] },
    });
    expect((await deliver(body, await sign(body))).status).toBe(200);
    expect(server.emulator.sentData).toHaveLength(0);
  });

  it('answers 400 for a signed body that is not JSON', async () => {
    const body = 'not json';
    expect((await deliver(body, await sign(body))).status).toBe(400);
  });

  it('follows a real recording through the emulator’s signed webhooks, duplicated and reordered', async () => {
    server.emulator.setWebhookFaults({ duplicate: true });
    server.emulator.addParticipant('Flow Room', 'alice');
    const started = await requestJson<{ recording: { name: string } }>(`${server.url}/recordings/start`, {
      method: 'POST',
      body: { roomName: 'Flow Room' },
      headers: roomAuth('Flow Room'),
    });
    const [egress] = server.emulator.listEgresses({ roomName: 'Flow Room' });
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ACTIVE']);
    await requestJson(`${server.url}/recordings/stop`, { method: 'POST', body: { roomName: 'Flow Room' }, headers: roomAuth('Flow Room') });
    await server.emulator.waitForWebhook((d) => d.event === 'egress_ended' && d.kind === 'duplicate');
    await server.emulator.webhooksIdle();

    expect(server.emulator.webhookDeliveries.every((d) => d.status === 200)).toBe(true);
    const list = await requestJson<{ recordings: Array<{ name: string; duration?: number }> }>(
      `${server.url}/recordings?roomName=Flow%20Room`,
      { headers: roomAuth('Flow Room') },
    );
    expect(list.body.recordings).toEqual([expect.objectContaining({ name: started.body.recording.name, duration: expect.any(Number) })]);
    // Every state reached the room; each webhook was applied once although delivered twice.
    const statuses = server.emulator.sentData
      .filter((p) => p.room === 'Flow Room')
      .map((p) => JSON.parse(p.payload).recording.status as string);
    expect(statuses.filter((s) => s === 'active')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'complete')).toHaveLength(1);
    expect(statuses).toEqual(expect.arrayContaining(['starting', 'ending']));
  });
});
