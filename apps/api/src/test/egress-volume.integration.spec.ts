import { EgressClient } from 'livekit-server-sdk';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { roomProbe } from './support/room-probe';
import { API_KEY, API_SECRET, startTestServer, TestServer } from './support/test-server';

/** Every file Egress left in the shared folder (recursively). */
function filesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * EGRESS_OUTPUT=volume: Egress (the emulator, writing to a folder of this machine as Egress writes to its own file
 * system) leaves the MP4 in a folder shared with the app, which uploads it with its own credentials once the egress
 * ended, under the name it would have had, and deletes the local file.
 */
describe('EGRESS_OUTPUT=volume', () => {
  const volume = mkdtempSync(join(tmpdir(), 'egress-volume-'));
  let server: TestServer;
  const probe = roomProbe(() => server);
  beforeAll(async () => {
    server = await startTestServer({ EGRESS_OUTPUT: 'volume', EGRESS_VOLUME_PATH: volume, RECORDING_START_TIMEOUT: '3s' });
    server.emulator.setWebhookUrls([`${server.url}/livekit/webhook`]);
  });
  afterAll(() => server.close());

  it('asks Egress to write into the shared folder with no credentials, then moves the file into storage under its name', async () => {
    server.emulator.addParticipant('Volume Room', 'speaker');
    const egressId = await probe.start('Volume Room');
    const egress = server.emulator.getEgress(egressId)!;
    expect(egress.containerName).toBe('');
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    expect((await probe.stop('Volume Room')).status).toBe(200);

    const complete = await probe.told('Volume Room', 'complete');
    const [listed] = await probe.listed('Volume Room');
    expect(listed).toMatchObject({ name: complete.name, status: 'complete', duration: 2 });
    expect(listed.size).toBeGreaterThan(1000);
    expect(await server.container.getBlobClient(`recordings/${complete.name}`).exists()).toBe(true);
    expect(filesIn(volume)).toEqual([]);
  });

  it('loses nothing when the app was away as the egress ended: the next one to ask LiveKit moves the file', async () => {
    const first = await server.startReplica();
    server.emulator.setWebhookUrls([`${first.url}/livekit/webhook`]);
    server.emulator.addParticipant('Away Room', 'speaker');
    const egressId = await probe.start('Away Room', first.url);
    await server.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await probe.told('Away Room', 'active');
    await first.close();
    server.emulator.setWebhookUrls([]);

    // Nobody hears it end: the file waits in the shared folder.
    await new EgressClient(server.emulator.url, API_KEY, API_SECRET).stopEgress(egressId);
    const ended = await server.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);
    expect(existsSync(ended.filename)).toBe(true);

    // A replica that starts afterwards sweeps the recordings in progress at start-up, learns of the end from LiveKit,
    // and moves the file before it says so.
    const restarted = await server.startReplica();
    try {
      const complete = await probe.told('Away Room', 'complete');
      expect(await server.container.getBlobClient(`recordings/${complete.name}`).exists()).toBe(true);
      expect(existsSync(ended.filename)).toBe(false);
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
