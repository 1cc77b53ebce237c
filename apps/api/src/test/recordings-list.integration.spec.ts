import { ListRecordingsResponse } from '@recording/contracts';

import { operatorAuth } from './support/credentials';
import { requestJson } from './support/http';
import { allKeys, emptyContainer, putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

type ListBody = ListRecordingsResponse & { errorMessage?: string };

describe('GET /recordings', () => {
  let server: TestServer;
  /** The operator sees every room: the listing itself is under test here (room scopes: access.integration.spec.ts). */
  let operator: Record<string, string>;
  const OPERATOR_SECRET = 'list-operator-secret-0123';
  const list = (query = '') => requestJson<ListBody>(`${server.url}/recordings${query}`, { headers: operator });

  const alpha1 = recordingName('Alpha', '2026-11-20T090000', 'RM_alpha');
  const alpha2 = recordingName('Alpha', '2026-11-22T090000', 'RM_alpha');
  const alphaBeta = recordingName('Alpha-Beta', '2026-11-21T090000', 'RM_ab');
  const spaced = recordingName('Test Room', '2026-11-23T101500', 'RM_test');
  const foreign = [
    'recordings/EG_abc123.json',
    'recordings/notes.txt',
    'recordings/nested/' + recordingName('Alpha', '2026-11-24T090000', 'RM_alpha'),
    recordingName('Alpha', '2026-11-25T090000', 'RM_alpha'),
    'meet/recordings/' + recordingName('Alpha', '2026-11-26T090000', 'RM_alpha'),
    'recordings/RoomComposite-bad room -2026-11-23T101500-RM_x.mp4',
  ];

  beforeAll(async () => {
    server = await startTestServer({ OPERATOR_SECRET });
    operator = await operatorAuth(server.url, OPERATOR_SECRET);
    await emptyContainer(server.container);
    await putBlob(server.container, `recordings/${alpha1}`, 111);
    await putBlob(server.container, `recordings/${alpha2}`, 222);
    await putBlob(server.container, `recordings/${alphaBeta}`, 333);
    await putBlob(server.container, `recordings/${spaced}`, 444);
    for (const key of foreign) await putBlob(server.container, key, 10);
    // Written straight into storage, as by egress without a webhook: pages across all rooms list them after a sweep.
    await server.sweepIndex();
  });
  afterAll(() => server.close());

  it('lists only our MP4 recordings under RECORDINGS_PATH, newest first, with size and start time', async () => {
    const response = await list();
    expect(response.status).toBe(200);
    expect(response.body.recordings.map((r) => r.name)).toEqual([spaced, alpha2, alphaBeta, alpha1]);
    expect(response.body.nextPageToken).toBeUndefined();
    expect(response.body.recordings[0]).toEqual({
      name: spaced,
      roomName: 'Test Room',
      roomId: 'RM_test',
      startedAt: Date.UTC(2026, 10, 23, 10, 15, 0),
      size: 444,
      status: 'complete',
      posterUrl: `/recordings/${encodeURIComponent(spaced)}/poster`,
    });
  });

  it('filters by exact room SID', async () => {
    expect((await list('?roomId=RM_alpha')).body.recordings.map((r) => r.name)).toEqual([alpha2, alpha1]);
  });

  it('filters by exact room name (not a prefix of another room)', async () => {
    expect((await list('?roomName=Alpha')).body.recordings.map((r) => r.name)).toEqual([alpha2, alpha1]);
    expect((await list(`?roomName=${encodeURIComponent('Test Room')}`)).body.recordings.map((r) => r.name)).toEqual([spaced]);
  });

  it('combines the filters', async () => {
    expect((await list('?roomName=Alpha&roomId=RM_ab')).body.recordings).toEqual([]);
  });

  it('pages with maxItems and pageToken, each recording exactly once', async () => {
    const first = await list('?maxItems=3');
    expect(first.body.recordings.map((r) => r.name)).toEqual([spaced, alpha2, alphaBeta]);
    expect(first.body.nextPageToken).toEqual(expect.any(String));
    const second = await list(`?maxItems=3&pageToken=${encodeURIComponent(first.body.nextPageToken!)}`);
    expect(second.body.recordings.map((r) => r.name)).toEqual([alpha1]);
    expect(second.body.nextPageToken).toBeUndefined();
  });

  it.each([
    ['maxItems=0', 'maxItems'],
    ['maxItems=1001', 'maxItems'],
    ['maxItems=abc', 'maxItems'],
    ['maxItems=1.5', 'maxItems'],
    ['maxItems=-1', 'maxItems'],
    ['roomId=EG_123', 'roomId'],
    ['roomId=', 'roomId'],
    ['roomName=a%2Fb', 'roomName'],
    ['roomName=%20lead', 'roomName'],
    ['roomName=a&roomName=b', 'roomName'],
    ['pageToken=not-a-token', 'pageToken'],
    ['pageToken=a&pageToken=b', 'pageToken'],
  ])('answers 400 for %s', async (query, field) => {
    const response = await list(`?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errorMessage).toContain(field);
  });

  it('leaves every foreign blob where it was', async () => {
    const keys = await allKeys(server.container);
    for (const key of foreign) expect(keys).toContain(key);
  });
});
