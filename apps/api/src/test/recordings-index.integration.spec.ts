import { ListRecordingsResponse, Recording } from '@recording/contracts';

import { setTimeout as sleep } from 'node:timers/promises';

import { operatorAuth } from './support/credentials';
import { requestJson } from './support/http';
import { allKeys, blobExists, emptyContainer, putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

type ListBody = ListRecordingsResponse & { errorMessage?: string };

const OPERATOR_SECRET = 'index-operator-secret-0123';

/** Every recording of a paged listing across all rooms, page after page (as the operator, who sees every room). */
async function allPages(server: TestServer, operator: Record<string, string>, maxItems: number): Promise<Recording[]> {
  const recordings: Recording[] = [];
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({ maxItems: String(maxItems), ...(pageToken ? { pageToken } : {}) });
    const page = await requestJson<ListBody>(`${server.url}/recordings?${query}`, { headers: operator });
    expect(page.status).toBe(200);
    recordings.push(...page.body.recordings);
    pageToken = page.body.nextPageToken;
  } while (pageToken);
  return recordings;
}

const names = (recordings: Recording[]) => recordings.map((recording) => recording.name);

describe('GET /recordings across all rooms (the recordings index)', () => {
  let server: TestServer;
  /** The listing itself is under test here; room scopes are access.integration.spec.ts's. */
  let operator: Record<string, string>;
  const list = (query = '') => requestJson<ListBody>(`${server.url}/recordings${query}`, { headers: operator });
  const remove = (name: string) =>
    requestJson(`${server.url}/recordings/${encodeURIComponent(name)}`, { method: 'DELETE', headers: operator });

  beforeAll(async () => {
    server = await startTestServer({ OPERATOR_SECRET });
    operator = await operatorAuth(server.url, OPERATOR_SECRET);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    await emptyContainer(server.container);
    await server.sweepIndex();
  });

  it('pages newest first from the index, each recording exactly once, in the order of the unpaged list', async () => {
    // Equal start times in several rooms: the order is by name, and no page boundary repeats or drops one.
    for (const room of ['Gamma', 'Alpha', 'Beta', 'Delta', 'Epsilon']) {
      await putBlob(server.container, `recordings/${recordingName(room, '2026-11-23T101500', `RM_${room}`)}`, 100);
      await putBlob(server.container, `recordings/${recordingName(room, '2026-11-2' + room.length + 'T080000', `RM_${room}`)}`, 100);
    }
    await server.sweepIndex();
    const unpaged = (await list()).body.recordings;
    expect(unpaged).toHaveLength(10);
    for (const size of [1, 3, 4, 10, 11]) expect(await allPages(server, operator, size)).toEqual(unpaged);
  });

  it('lists a recording that reached storage without a webhook: in its room at once, across all rooms after the sweep', async () => {
    const quiet = recordingName('Quiet Room', '2026-11-24T090000', 'RM_quiet');
    await putBlob(server.container, `recordings/${quiet}`, 500);
    expect(names((await list()).body.recordings)).toEqual([quiet]);
    expect(names((await list('?roomName=Quiet%20Room')).body.recordings)).toEqual([quiet]);
    expect(names((await list('?roomId=RM_quiet')).body.recordings)).toEqual([quiet]);
    expect((await list('?maxItems=10')).body.recordings).toEqual([]);

    await server.sweepIndex();
    expect((await list('?maxItems=10')).body.recordings).toEqual([expect.objectContaining({ name: quiet, size: 500, status: 'complete' })]);
  });

  it('lists a recording on the first page as soon as its egress ends (the webhook writes its entry), with the exact start', async () => {
    server.emulator.addParticipant('Index Room', 'alice');
    const started = await requestJson<{ recording: Recording }>(`${server.url}/recordings/start`, {
      method: 'POST',
      body: { roomName: 'Index Room' },
      headers: operator,
    });
    const [egress] = server.emulator.listEgresses({ roomName: 'Index Room' });
    await server.emulator.waitForEgress(egress.egressId, ['EGRESS_ACTIVE']);
    await requestJson(`${server.url}/recordings/stop`, { method: 'POST', body: { roomName: 'Index Room' }, headers: operator });
    await server.emulator.waitForWebhook((delivery) => delivery.event === 'egress_ended' && delivery.status === 200);

    const [first] = (await list('?maxItems=1')).body.recordings;
    const [inRoom] = (await list('?roomName=Index%20Room')).body.recordings;
    expect(first).toEqual(inRoom);
    expect(first).toMatchObject({ name: started.body.recording.name, duration: expect.any(Number) });
    expect(first.startedAt).not.toBe(Date.UTC(2000, 0, 1));
  });

  it('drops a deleted recording from every listing at once', async () => {
    const gone = recordingName('Gone Room', '2026-11-25T090000', 'RM_gone');
    const kept = recordingName('Kept Room', '2026-11-24T090000', 'RM_kept');
    await putBlob(server.container, `recordings/${gone}`);
    await putBlob(server.container, `recordings/${kept}`);
    await server.sweepIndex();
    expect(names((await list('?maxItems=5')).body.recordings)).toEqual([gone, kept]);

    expect((await remove(gone)).status).toBe(200);
    expect(names((await list('?maxItems=5')).body.recordings)).toEqual([kept]);
    expect(names((await list()).body.recordings)).toEqual([kept]);
  });

  it('repairs entries of recordings removed or replaced behind the API’s back at the next sweep', async () => {
    const removed = recordingName('Removed Room', '2026-11-25T090000', 'RM_removed');
    const replaced = recordingName('Replaced Room', '2026-11-24T090000', 'RM_replaced');
    await putBlob(server.container, `recordings/${removed}`, 100);
    await putBlob(server.container, `recordings/${replaced}`, 100);
    await server.sweepIndex();
    await server.container.deleteBlob(`recordings/${removed}`);
    await putBlob(server.container, `recordings/${replaced}`, 700);

    await server.sweepIndex();
    expect((await list('?maxItems=5')).body.recordings).toEqual([expect.objectContaining({ name: replaced, size: 700 })]);
    expect((await allKeys(server.container)).filter((key) => key.includes('Removed Room'))).toEqual([]);
  });

  it('lists, serves and deletes a recording whose name holds an impossible time, ordered by when it was stored', async () => {
    const older = recordingName('Clock Room', '2026-02-30T256000', 'RM_clock');
    await putBlob(server.container, `recordings/${older}`, 64);
    // Storage keeps creation times to the second.
    await sleep(1_100);
    const newer = recordingName('Clock Room', '2026-13-01T000000', 'RM_clock');
    const bytes = await putBlob(server.container, `recordings/${newer}`, 64);
    const before = Date.now();
    await server.sweepIndex();

    const listed = (await list('?roomName=Clock%20Room')).body.recordings;
    expect(names(listed)).toEqual([newer, older]);
    expect(listed[0].startedAt).toBeLessThanOrEqual(before);
    expect((await list('?maxItems=5')).body.recordings).toEqual(listed);
    expect((await list()).body.recordings).toEqual(listed);

    const served = await fetch(`${server.url}/recordings/${encodeURIComponent(newer)}`, { headers: operator });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await remove(newer)).status).toBe(200);
    expect(await blobExists(server.container, `recordings/${newer}`)).toBe(false);
    expect(names((await list('?maxItems=5')).body.recordings)).toEqual([older]);
  });

  it('lists a room id by the room names the index knows, and by reading everything for an id it has not seen', async () => {
    const first = recordingName('Session Room', '2026-11-20T090000', 'RM_session');
    const other = recordingName('Session Room', '2026-11-21T090000', 'RM_othersession');
    await putBlob(server.container, `recordings/${first}`);
    await putBlob(server.container, `recordings/${other}`);
    expect(names((await list('?roomId=RM_session')).body.recordings)).toEqual([first]);
    await server.sweepIndex();
    const later = recordingName('Session Room', '2026-11-22T090000', 'RM_session');
    await putBlob(server.container, `recordings/${later}`);
    // Known to the index now: read by the room's prefix, so the newest file is there without a sweep.
    expect(names((await list('?roomId=RM_session')).body.recordings)).toEqual([later, first]);
    expect(names((await list('?roomId=RM_session&maxItems=1')).body.recordings)).toEqual([later]);
  });

  it('never lists the index, lock or other dot-folder blobs, nor changes what it does not own', async () => {
    const recording = recordingName('Dot Room', '2026-11-23T101500', 'RM_dot');
    await putBlob(server.container, `recordings/${recording}`);
    const others = [`recordings/.locks/${'a'.repeat(64)}`, `recordings/.posters/${recording}.jpg`, `recordings/.index/notes.txt`];
    for (const key of others) await putBlob(server.container, key, 10);
    await server.sweepIndex();

    expect(names((await list()).body.recordings)).toEqual([recording]);
    expect(names(await allPages(server, operator, 2))).toEqual([recording]);
    expect(await allKeys(server.container)).toEqual(expect.arrayContaining(others));
  });
});

describe('the recordings index sweep', () => {
  let server: TestServer;
  let operator: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer({ RECORDINGS_SWEEP_INTERVAL: '1s', OPERATOR_SECRET });
    operator = await operatorAuth(server.url, OPERATOR_SECRET);
  });
  afterAll(() => server.close());

  it('runs by itself every RECORDINGS_SWEEP_INTERVAL', async () => {
    const name = recordingName('Timer Room', '2026-11-23T101500', 'RM_timer');
    await putBlob(server.container, `recordings/${name}`);
    const deadline = Date.now() + 15_000;
    let listed: Recording[] = [];
    while (listed.length === 0 && Date.now() < deadline) {
      await sleep(200);
      listed = (await requestJson<ListBody>(`${server.url}/recordings?maxItems=5`, { headers: operator })).body.recordings;
    }
    expect(names(listed)).toEqual([name]);
  });
});
