import { EgressClient, RoomServiceClient, ServerError } from 'livekit-server-sdk';

import { API_KEY, API_SECRET, type Harness, startHarness } from '../test-support/harness';

/** The error chain of a failed fetch, flattened: undici wraps the socket error in `cause`. */
function causes(e: unknown): string {
  const parts: string[] = [];
  for (let c = e as { name?: string; message?: string; code?: string; cause?: unknown } | undefined; c; c = c.cause as typeof c) {
    parts.push(`${c.name}:${c.code ?? ''}:${c.message}`);
  }
  return parts.join(' <- ');
}

describe('outages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  afterEach(() => h.emulator.setOutage('none'));
  beforeEach(() => h.emulator.reset());

  it("'refuse' really refuses connections, and recovery listens again on the same port", async () => {
    const url = h.emulator.url;
    await h.roomClient.listRooms(); // leaves a keep-alive connection behind, which must not survive the outage
    await h.emulator.setOutage('refuse');

    const err = await h.roomClient.listRooms().catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ServerError);
    expect(causes(err)).toMatch(/ECONNREFUSED/);

    await h.emulator.setOutage('none');
    expect(h.emulator.url).toBe(url);
    await expect(h.roomClient.listRooms()).resolves.toEqual([]);
  });

  it("'unavailable' answers every Twirp call with 503 unavailable", async () => {
    await h.emulator.setOutage('unavailable');
    await expect(h.egressClient.listEgress()).rejects.toMatchObject({
      status: 503,
      code: 'unavailable',
      message: 'twirp error unknown: no response from servers',
    });
    await expect(h.roomClient.listRooms()).rejects.toBeInstanceOf(ServerError);
    await h.emulator.setOutage('none');
    await expect(h.roomClient.listRooms()).resolves.toEqual([]);
  });

  it("'hang' accepts requests and never answers: the SDK gives up after its requestTimeout", async () => {
    await h.emulator.setOutage('hang');
    const impatient = new EgressClient(h.emulator.url, API_KEY, API_SECRET, { requestTimeout: 1 });
    const started = Date.now();
    const err = await impatient.listEgress().catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(err).not.toBeInstanceOf(ServerError);
    expect((err as Error).name).toBe('TimeoutError');
    expect(h.emulator.twirpCalls).toContainEqual({ method: 'livekit.Egress/ListEgress', status: 0 });

    // A request still parked when the outage ends is cut, not answered late.
    const parked = new RoomServiceClient(h.emulator.url, API_KEY, API_SECRET, { requestTimeout: 5 }).listRooms();
    const parkedResult = parked.then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 100));
    await h.emulator.setOutage('none');
    expect(await parkedResult).toBe('cut');
    await expect(h.roomClient.listRooms()).resolves.toEqual([]);
  });

  it('keeps the control API reachable during unavailable and hang outages', async () => {
    await h.emulator.setOutage('hang');
    expect((await fetch(`${h.emulator.url}/emulator/rooms`)).status).toBe(200);
    await h.emulator.setOutage('unavailable');
    expect((await fetch(`${h.emulator.url}/emulator/rooms`)).status).toBe(200);
  });

  it('reset() ends an outage', async () => {
    await h.emulator.setOutage('unavailable');
    h.emulator.reset();
    await expect(h.roomClient.listRooms()).resolves.toEqual([]);
  });

  it('egresses keep running through an outage (only the API is down)', async () => {
    h.emulator.addParticipant('through', 'p');
    const { egressId } = await h.egressClient.startRoomCompositeEgress('through', h.fileOutput());
    await h.emulator.setOutage('refuse');
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.emulator.setOutage('none');
    await expect(h.egressClient.stopEgress(egressId)).resolves.toMatchObject({ egressId });
  });
});
