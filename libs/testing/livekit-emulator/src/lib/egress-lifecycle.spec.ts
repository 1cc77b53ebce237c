import { type EgressInfo, EgressStatus, EncodedFileOutput, EncodedFileType, ServerError, WebhookReceiver } from 'livekit-server-sdk';
import { execFile } from 'node:child_process';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { API_KEY, API_SECRET, type Harness, startHarness } from '../test-support/harness';

const run = promisify(execFile);

describe('egress lifecycle through the real SDK', () => {
  let h: Harness;
  const receiver = new WebhookReceiver(API_KEY, API_SECRET);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.emulator.reset();
    h.webhooks.clear();
  });

  async function startIn(room: string): Promise<EgressInfo> {
    return h.egressClient.startRoomCompositeEgress(room, h.fileOutput(), { layout: 'grid' });
  }

  it('records a room: STARTING → ACTIVE → ENDING → COMPLETE with a real MP4 in the container', async () => {
    const room = h.emulator.createRoom('Test Room');
    h.emulator.addParticipant('Test Room', 'alice', { name: 'Alice' });

    const started = await startIn('Test Room');
    expect(started.status).toBe(EgressStatus.EGRESS_STARTING);
    expect(started.egressId).toMatch(/^EG_[2-9A-HJ-NP-Za-km-z]{12}$/);
    expect(started.roomId).toBe(room.sid);
    expect(started.startedAt).toBeGreaterThan(0n);
    const filename = started.fileResults[0].filename;
    expect(filename).toMatch(/^recordings\/RoomComposite-Test Room-\d{4}-\d{2}-\d{2}T\d{6}-RM_[A-Za-z0-9]{12}\.mp4$/);
    expect(filename.endsWith(`-${room.sid}.mp4`)).toBe(true);

    // Credentials never come back: the request echo is redacted.
    const echo = started.request.case === 'roomComposite' ? started.request.value : undefined;
    const azure = echo?.fileOutputs[0].output;
    expect(azure?.case).toBe('azure');
    expect(azure?.value).toMatchObject({ accountName: '{account_name}', accountKey: '{account_key}', containerName: h.container });

    // The hidden recorder joins: listed, not counted, and it switches on active_recording.
    const [listed] = await h.roomClient.listRooms(['Test Room']);
    expect(listed.numParticipants).toBe(1);
    expect(listed.activeRecording).toBe(true);
    const participants = await h.roomClient.listParticipants('Test Room');
    expect(participants.map((p) => p.identity).sort()).toEqual([started.egressId, 'alice'].sort());

    await h.emulator.waitForEgress(started.egressId, ['EGRESS_ACTIVE']);
    const stopping = await h.egressClient.stopEgress(started.egressId);
    expect(stopping.status).toBe(EgressStatus.EGRESS_ENDING);
    expect(stopping.details).toBe('End reason: StopEgress API');

    const done = await h.emulator.waitForEgress(started.egressId, ['EGRESS_COMPLETE', 'EGRESS_FAILED']);
    expect(done.error).toBe('');
    expect(done.status).toBe('EGRESS_COMPLETE');

    const [info] = await h.egressClient.listEgress({ egressId: started.egressId });
    const file = info.fileResults[0];
    expect(file.filename).toBe(filename);
    expect(file.endedAt).toBeGreaterThan(file.startedAt);
    // Real egress drops the container from `location` (livekit/egress#959); the emulator copies that by default.
    expect(file.location).toBe(`${h.azurite.blobEndpoint}/${filename}`);

    const blob = h.blobs.getContainerClient(h.container).getBlobClient(filename);
    const props = await blob.getProperties();
    expect(props.contentType).toBe('video/mp4');
    expect(BigInt(props.contentLength ?? 0)).toBe(file.size);

    const bytes = await blob.downloadToBuffer();
    const probe = await ffprobe(bytes);
    expect(probe.codecs.sort()).toEqual(['aac', 'h264']);
    expect(probe.duration).toBeGreaterThan(1.5);
    expect(probe.duration).toBeLessThan(2.5);
    // The reported duration is the file's, as with real egress.
    expect(Math.abs(Number(file.duration) / 1e9 - probe.duration)).toBeLessThan(0.2);

    // The recorder leaves once the egress is over.
    const [after] = await h.roomClient.listRooms(['Test Room']);
    expect(after.activeRecording).toBe(false);
  });

  it("writes the MP4 into Egress's own file system when no upload is configured (a volume shared with the app)", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'egress-volume-'));
    h.emulator.addParticipant('Volume Room', 'alice', { name: 'Alice' });
    const output = new EncodedFileOutput({
      fileType: EncodedFileType.MP4,
      filepath: `${folder}/recordings/RoomComposite-{room_name}-{time}-{room_id}`,
      disableManifest: true,
    });
    const started = await h.egressClient.startRoomCompositeEgress('Volume Room', output, { layout: 'grid' });
    await h.emulator.waitForEgress(started.egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(started.egressId);
    const done = await h.emulator.waitForEgress(started.egressId, ['EGRESS_COMPLETE', 'EGRESS_FAILED']);
    expect(done).toMatchObject({
      status: 'EGRESS_COMPLETE',
      filename: expect.stringMatching(new RegExp(`^${folder}/recordings/RoomComposite-Volume Room-.*\\.mp4$`)),
    });
    expect((await stat(done.filename)).size).toBe(done.size);
    expect(done.location).toBe(done.filename);
  });

  it('sends egress_started, egress_updated ACTIVE, egress_updated ENDING, egress_ended in order, signed', async () => {
    h.emulator.addParticipant('webhook-room', 'bob');
    const { egressId } = await startIn('webhook-room');
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(egressId);
    await h.emulator.waitForWebhook((d) => d.egressId === egressId && d.event === 'egress_ended');

    const events = [];
    for (const w of h.webhooks.received) {
      expect(w.headers['content-type']).toBe('application/webhook+json');
      expect(String(w.headers['authorization'])).not.toMatch(/^Bearer /);
      const event = await receiver.receive(w.body, String(w.headers['authorization']));
      if (event.egressInfo?.egressId === egressId) events.push(event);
    }
    expect(events.map((e) => [e.event, EgressStatus[e.egressInfo?.status ?? 0]])).toEqual([
      ['egress_started', 'EGRESS_STARTING'],
      ['egress_updated', 'EGRESS_ACTIVE'],
      ['egress_updated', 'EGRESS_ENDING'],
      ['egress_ended', 'EGRESS_COMPLETE'],
    ]);
    for (const e of events) {
      expect(e.id).toMatch(/^EV_[2-9A-HJ-NP-Za-km-z]{12}$/);
      expect(e.room?.name).toBe('webhook-room');
    }
    // Wire format: camelCase, zero values omitted (STARTING has no status key), createdAt in seconds as a string.
    const startedBody = JSON.parse(h.webhooks.received.find((w) => w.body.includes('"egress_started"'))?.body ?? '{}');
    expect(startedBody.egressInfo.status).toBeUndefined();
    expect(startedBody.egressInfo.egressId).toBe(egressId);
    expect(startedBody.createdAt).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(startedBody.createdAt) - Date.now() / 1000)).toBeLessThan(30);
  });

  it('stays STARTING without a publisher and turns ACTIVE once someone publishes', async () => {
    h.emulator.addParticipant('quiet-room', 'viewer', { publisher: false });
    const { egressId } = await startIn('quiet-room');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.emulator.getEgress(egressId)?.status).toBe('EGRESS_STARTING');
    expect(h.emulator.getRoom('quiet-room')?.activeRecording).toBe(true);

    h.emulator.addParticipant('quiet-room', 'speaker');
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE'], 2000);
  });

  it('aborts an egress stopped while STARTING and uploads nothing', async () => {
    h.emulator.createRoom('empty-room');
    const { egressId, fileResults } = await startIn('empty-room');
    const stopped = await h.egressClient.stopEgress(egressId);
    expect(stopped.status).toBe(EgressStatus.EGRESS_ABORTED);
    expect(stopped.error).toBe('Stop called before pipeline could start');
    expect(stopped.errorCode).toBe(412);
    expect(stopped.endedAt).toBeGreaterThan(0n);
    await h.emulator.waitForWebhook((d) => d.egressId === egressId && d.event === 'egress_ended');
    expect(await h.blobs.getContainerClient(h.container).getBlobClient(fileResults[0].filename).exists()).toBe(false);
    expect(h.emulator.getRoom('empty-room')?.activeRecording).toBe(false);
  });

  it('refuses to stop an egress twice (412) and an unknown one (404)', async () => {
    h.emulator.addParticipant('twice', 'carol');
    const { egressId } = await startIn('twice');
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(egressId);

    await expect(h.egressClient.stopEgress(egressId)).rejects.toMatchObject({
      status: 412,
      code: 'failed_precondition',
      message: 'twirp error unknown: egress with status EGRESS_ENDING cannot be stopped',
    });
    await h.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);
    const err = await h.egressClient.stopEgress(egressId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 412, message: 'twirp error unknown: egress with status EGRESS_COMPLETE cannot be stopped' });

    await expect(h.egressClient.stopEgress('EG_doesnotexist')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'twirp error unknown: egress does not exist',
    });
    await expect(h.emulator.waitForEgress('EG_doesnotexist', ['EGRESS_COMPLETE'])).rejects.toThrow(/does not exist/);
  });

  it('answers 404 "requested room does not exist" for an unknown room', async () => {
    await expect(startIn('nowhere')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'twirp error unknown: requested room does not exist',
    });
    expect(h.emulator.listEgresses()).toEqual([]);
  });

  it('allows several egresses in one room, like the real server', async () => {
    h.emulator.addParticipant('busy', 'dave');
    const a = await startIn('busy');
    const b = await startIn('busy');
    expect(a.egressId).not.toBe(b.egressId);
    expect(h.emulator.listEgresses({ roomName: 'busy', active: true })).toHaveLength(2);
  });

  it('filters ListEgress by id (404 when unknown), room name and active', async () => {
    h.emulator.addParticipant('r-a', 'x');
    h.emulator.addParticipant('r-b', 'y');
    const a1 = await startIn('r-a');
    const a2 = await startIn('r-a');
    const b1 = await startIn('r-b');
    await h.emulator.waitForEgress(a1.egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(a1.egressId);
    await h.emulator.waitForEgress(a1.egressId, ['EGRESS_COMPLETE']);

    const ids = (list: EgressInfo[]) => list.map((e) => e.egressId).sort();
    expect(ids(await h.egressClient.listEgress())).toEqual([a1, a2, b1].map((e) => e.egressId).sort());
    expect(ids(await h.egressClient.listEgress({ roomName: 'r-a' }))).toEqual([a1.egressId, a2.egressId].sort());
    expect(ids(await h.egressClient.listEgress({ roomName: 'r-a', active: true }))).toEqual([a2.egressId]);
    expect(ids(await h.egressClient.listEgress({ active: true }))).toEqual([a2.egressId, b1.egressId].sort());
    expect(ids(await h.egressClient.listEgress({ egressId: b1.egressId }))).toEqual([b1.egressId]);
    expect(ids(await h.egressClient.listEgress({ roomName: 'nobody-here' }))).toEqual([]);
    await expect(h.egressClient.listEgress({ egressId: 'EG_unknown00000' })).rejects.toMatchObject({
      status: 404,
      message: 'twirp error unknown: egress does not exist',
    });
  });

  it('fails the egress when the upload fails (failUploads) and recovers afterwards', async () => {
    h.emulator.addParticipant('flaky', 'erin');
    h.emulator.failUploads(1);
    const first = await startIn('flaky');
    await h.emulator.waitForEgress(first.egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(first.egressId);
    const failed = await h.emulator.waitForEgress(first.egressId, ['EGRESS_COMPLETE', 'EGRESS_FAILED']);
    expect(failed.status).toBe('EGRESS_FAILED');
    expect(failed.error).toMatch(/^Azure upload failed: /);
    expect(failed.errorCode).toBe(400);
    const ended = await h.emulator.waitForWebhook((d) => d.egressId === first.egressId && d.event === 'egress_ended');
    expect(ended.egressStatus).toBe('EGRESS_FAILED');

    const second = await startIn('flaky');
    await h.emulator.waitForEgress(second.egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(second.egressId);
    expect((await h.emulator.waitForEgress(second.egressId, ['EGRESS_COMPLETE', 'EGRESS_FAILED'])).status).toBe('EGRESS_COMPLETE');
  });

  it('keeps a stalled egress STARTING although someone publishes, until a stop aborts it (stallStarts)', async () => {
    h.emulator.addParticipant('stalled', 'gina');
    h.emulator.stallStarts(1);
    const stalled = await startIn('stalled');
    await expect(h.emulator.waitForEgress(stalled.egressId, ['EGRESS_ACTIVE'], 600)).rejects.toThrow(/now: EGRESS_STARTING/);
    expect((await h.roomClient.listRooms(['stalled']))[0].activeRecording).toBe(true);
    const stopped = await h.egressClient.stopEgress(stalled.egressId);
    expect(stopped).toMatchObject({ status: EgressStatus.EGRESS_ABORTED, error: 'Stop called before pipeline could start' });

    const next = await startIn('stalled');
    await h.emulator.waitForEgress(next.egressId, ['EGRESS_ACTIVE']);
  });

  it('keeps an egress ENDING while uploads are held, then completes it once released', async () => {
    h.emulator.addParticipant('slow-upload', 'hank');
    h.emulator.holdUploads();
    const { egressId, fileResults } = await startIn('slow-upload');
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(egressId);
    await expect(h.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE'], 600)).rejects.toThrow(/now: EGRESS_ENDING/);
    await expect(h.egressClient.stopEgress(egressId)).rejects.toMatchObject({ status: 412 });
    h.emulator.releaseUploads();
    await h.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE']);
    expect(await h.blobs.getContainerClient(h.container).getBlobClient(fileResults[0].filename).exists()).toBe(true);
  });

  it.each([
    ['another storage account', { accountName: 'someoneelse' }],
    ['a wrong account key', { accountKey: Buffer.from('not the key').toString('base64') }],
    ['a container that does not exist', { containerName: 'no-such-container' }],
  ])('fails the egress for %s, like real egress with bad credentials', async (_what, overrides) => {
    h.emulator.addParticipant('bad-creds', 'frank');
    const { egressId, fileResults } = await h.egressClient.startRoomCompositeEgress('bad-creds', h.fileOutput(undefined, overrides));
    await h.emulator.waitForEgress(egressId, ['EGRESS_ACTIVE']);
    await h.egressClient.stopEgress(egressId);
    const done = await h.emulator.waitForEgress(egressId, ['EGRESS_COMPLETE', 'EGRESS_FAILED']);
    expect(done.status).toBe('EGRESS_FAILED');
    expect(done.error).toMatch(/^Azure upload failed: /);
    expect(await h.blobs.getContainerClient(h.container).getBlobClient(fileResults[0].filename).exists()).toBe(false);
  });

  it('ends active egresses when the room is deleted (source closed → ENDING → COMPLETE)', async () => {
    h.emulator.addParticipant('closing', 'gina');
    h.emulator.createRoom('closing-early');
    const active = await startIn('closing');
    const starting = await startIn('closing-early');
    await h.emulator.waitForEgress(active.egressId, ['EGRESS_ACTIVE']);

    await h.roomClient.deleteRoom('closing');
    h.emulator.deleteRoom('closing-early');

    const done = await h.emulator.waitForEgress(active.egressId, ['EGRESS_COMPLETE', 'EGRESS_FAILED']);
    expect(done.status).toBe('EGRESS_COMPLETE');
    expect(done.details).toBe('End reason: Source closed');
    expect(h.emulator.getEgress(starting.egressId)?.status).toBe('EGRESS_ABORTED');
    await h.emulator.waitForWebhook((d) => d.event === 'room_finished' && d.roomName === 'closing');
  });

  it('maps start failures to the server errors (no worker: 503, no redis: 500 on every Egress call)', async () => {
    h.emulator.addParticipant('no-workers', 'hal');
    h.emulator.setStartFailure('no_workers');
    await expect(startIn('no-workers')).rejects.toMatchObject({
      status: 503,
      code: 'unavailable',
      message: 'twirp error unknown: no response from servers',
    });
    h.emulator.setStartFailure('not_connected');
    await expect(startIn('no-workers')).rejects.toMatchObject({
      status: 500,
      code: 'internal',
      message: 'twirp error unknown: egress not connected (redis required)',
    });
    // Like livekit-server without Redis: no Egress call works at all.
    await expect(h.egressClient.listEgress({ roomName: 'no-workers' })).rejects.toMatchObject({ status: 500, code: 'internal' });
    await expect(h.egressClient.stopEgress('EG_unknown00000')).rejects.toMatchObject({ status: 500, code: 'internal' });
    h.emulator.setStartFailure('none');
    await expect(startIn('no-workers')).resolves.toMatchObject({ status: EgressStatus.EGRESS_STARTING });
  });

  it('UpdateLayout sets the recorder metadata, and 404s for an unknown egress', async () => {
    h.emulator.addParticipant('layout', 'ian');
    const { egressId } = await startIn('layout');
    const info = await h.egressClient.updateLayout(egressId, 'speaker');
    expect(info.egressId).toBe(egressId);
    const recorder = (await h.roomClient.listParticipants('layout')).find((p) => p.identity === egressId);
    expect(recorder?.metadata).toBe('{"layout":"speaker"}');
    await expect(h.egressClient.updateLayout('EG_unknown00000', 'grid')).rejects.toMatchObject({ status: 404 });
  });
});

async function ffprobe(bytes: Buffer): Promise<{ codecs: string[]; duration: number }> {
  const { writeFile, rm, mkdtemp } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'emu-probe-'));
  const file = join(dir, 'r.mp4');
  try {
    await writeFile(file, bytes);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file]);
    const parsed = JSON.parse(stdout) as { streams: { codec_name: string }[]; format: { duration: string } };
    return { codecs: parsed.streams.map((s) => s.codec_name), duration: Number(parsed.format.duration) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
