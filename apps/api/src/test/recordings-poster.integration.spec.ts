import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { operatorAuth } from './support/credentials';
import { requestJson } from './support/http';
import { LogCapture } from './support/log-capture';
import { blobExists, emptyContainer, putBlob, recordingName } from './support/recordings';
import { jpegSize, realFfmpeg, testVideo, writeFfmpegWrapper } from './support/test-media';
import { startTestServer, TestServer } from './support/test-server';

const WORK = join(tmpdir(), `poster-spec-${process.pid}`);
const RUNS = join(WORK, 'ffmpeg-runs');

/**
 * A 1280×720 H.264 MP4 of 3 s with its index (moov) at the end, as egress writes it: ffmpeg can only take a frame
 * at 1 s from it by reading the end first, i.e. through ranged requests.
 */
const sourceVideo = (seconds = 3) => testVideo(join(WORK, `source-1280x720-${seconds}s.mp4`), { seconds, size: '1280x720' });

function ffmpegRuns(): number {
  return existsSync(RUNS) ? readFileSync(RUNS, 'utf8').split('\n').filter(Boolean).length : 0;
}

describe('GET /recordings/:name/poster', () => {
  let server: TestServer;
  // The operator reaches every room: posters themselves are under test here (their access rules: the matrix).
  const OPERATOR_SECRET = 'poster-operator-secret-0123';
  let operator: Record<string, string>;
  const log = new LogCapture();

  beforeAll(async () => {
    mkdirSync(WORK, { recursive: true });
    // Debian's ffmpeg behind a wrapper that counts its runs.
    const wrapper = join(WORK, 'ffmpeg');
    writeFfmpegWrapper(wrapper, `echo run >> '${RUNS}'\nexec '${realFfmpeg()}' "$@"`);
    server = await startTestServer(
      { FFMPEG_PATH: wrapper, LOG_FORMAT: 'json', LOG_LEVEL: 'info', OPERATOR_SECRET },
      { logDestination: log },
    );
    operator = await operatorAuth(server.url, OPERATOR_SECRET);
  }, 60_000);
  afterAll(() => server.close());
  beforeEach(async () => {
    await emptyContainer(server.container);
    writeFileSync(RUNS, '');
  });

  const posterOf = (name: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/recordings/${encodeURIComponent(name)}/poster`, { headers: { ...operator, ...headers } });

  it('makes a JPEG of at most 640 px from about 1 s in, keeps it next to the recording, and serves that copy again', async () => {
    const name = recordingName('Poster Room');
    await putBlob(server.container, `recordings/${name}`, sourceVideo());

    server.storageProxy.resetCounters();
    const first = await posterOf(name);
    expect(first.status).toBe(200);
    // ffmpeg seeks through ranged GETs of the recording (its index at the end, then about 1 s in).
    const reads = server.storageProxy.requests.filter(
      (request) => request.line.startsWith('GET') && request.line.includes('Poster%20Room'),
    );
    expect(reads.filter((request) => /^bytes=[1-9]\d*-/.test(request.range ?? '')).length).toBeGreaterThanOrEqual(1);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    expect(first.headers.get('cache-control')).toBe('private, max-age=86400');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const jpeg = Buffer.from(await first.arrayBuffer());
    expect(Number(first.headers.get('content-length'))).toBe(jpeg.length);
    expect(jpegSize(jpeg)).toEqual({ width: 640, height: 360 });
    expect(await blobExists(server.container, `recordings/.posters/${name}.jpg`)).toBe(true);

    const second = await posterOf(name);
    expect(second.headers.get('etag')).toBe(etag);
    expect(Buffer.from(await second.arrayBuffer()).equals(jpeg)).toBe(true);
    expect((await posterOf(name, { 'if-none-match': etag! })).status).toBe(304);
    expect(ffmpegRuns()).toBe(1);
  }, 30_000);

  it("draws a sound-only recording's poster as its waveform (its details say it has no picture)", async () => {
    const name = recordingName('Radio Room');
    const sound = join(WORK, 'sound-only.mp4');
    if (!existsSync(sound)) {
      execFileSync(realFfmpeg(), [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:duration=3',
        '-c:a',
        'aac',
        sound,
      ]);
    }
    await putBlob(server.container, `recordings/${name}`, readFileSync(sound));
    const details = JSON.stringify({
      shareGeneration: 0,
      completion: { name, egressId: 'EM_x', outcome: 'complete', startedAt: 1, audioOnly: true },
    });
    await server.container.getBlockBlobClient(`recordings/.details/${name}`).upload(details, Buffer.byteLength(details));
    const poster = await posterOf(name);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect(jpegSize(Buffer.from(await poster.arrayBuffer()))).toEqual({ width: 640, height: 360 });
  }, 30_000);

  it('makes one poster for many first requests at once', async () => {
    const name = recordingName('Busy Room');
    await putBlob(server.container, `recordings/${name}`, sourceVideo());
    const answers = await Promise.all(Array.from({ length: 8 }, () => posterOf(name)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((answer) => answer.headers.get('etag'))).size).toBe(1);
    expect(ffmpegRuns()).toBe(1);
  }, 30_000);

  it('answers HEAD with the headers only', async () => {
    const name = recordingName('Head Room');
    await putBlob(server.container, `recordings/${name}`, sourceVideo());
    const head = await fetch(`${server.url}/recordings/${encodeURIComponent(name)}/poster`, { method: 'HEAD', headers: operator });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  }, 30_000);

  it('deletes the poster with its recording', async () => {
    const name = recordingName('Gone Room');
    await putBlob(server.container, `recordings/${name}`, sourceVideo());
    expect((await posterOf(name)).status).toBe(200);
    expect(
      (await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}`, { method: 'DELETE', headers: operator })).status,
    ).toBe(200);
    expect(await blobExists(server.container, `recordings/.posters/${name}.jpg`)).toBe(false);
    expect((await posterOf(name)).status).toBe(404);
  }, 30_000);

  it('makes a new poster when the recording of that name was replaced', async () => {
    const name = recordingName('Replaced Room');
    await putBlob(server.container, `recordings/${name}`, sourceVideo());
    const before = (await posterOf(name)).headers.get('etag');
    await putBlob(server.container, `recordings/${name}`, sourceVideo(2));
    const after = await posterOf(name);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(ffmpegRuns()).toBe(2);
  }, 30_000);

  it("keeps the poster when only the recording blob's properties change, as a shared container's other tools may do", async () => {
    const name = recordingName('Metadata Room');
    await putBlob(server.container, `recordings/${name}`, sourceVideo());
    const before = (await posterOf(name)).headers.get('etag');
    await server.container.getBlobClient(`recordings/${name}`).setMetadata({ sharegeneration: '2', startedby: 'Alice' });
    const after = await posterOf(name);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toBe(before);
    expect(ffmpegRuns()).toBe(1);
  }, 30_000);

  it("changes neither the stream's ETag nor the poster when the recording's share links are revoked", async () => {
    const name = recordingName('Revoked Room');
    await putBlob(server.container, `recordings/${name}`, sourceVideo());
    const path = `${server.url}/recordings/${encodeURIComponent(name)}`;
    const [streamBefore, posterBefore] = [
      (await fetch(path, { method: 'HEAD', headers: operator })).headers.get('etag'),
      (await posterOf(name)).headers.get('etag'),
    ];
    expect((await requestJson(`${path}/share`, { method: 'POST', body: {}, headers: operator })).status).toBe(200);
    expect((await requestJson(`${path}/share`, { method: 'DELETE', headers: operator })).status).toBe(200);
    expect((await fetch(path, { method: 'HEAD', headers: operator })).headers.get('etag')).toBe(streamBefore);
    expect((await posterOf(name)).headers.get('etag')).toBe(posterBefore);
    expect(ffmpegRuns()).toBe(1);
  }, 30_000);

  it('answers 404 for an unknown recording and 400 for a name that is not one', async () => {
    expect(
      (await requestJson(`${server.url}/recordings/${encodeURIComponent(recordingName('Nobody'))}/poster`, { headers: operator })).status,
    ).toBe(404);
    const invalid = await requestJson(`${server.url}/recordings/${encodeURIComponent('not-a-recording.mp4')}/poster`, {
      headers: operator,
    });
    expect(invalid).toMatchObject({ status: 400, body: { errorMessage: 'Invalid recording name' } });
  });

  it('answers 503 for a damaged file, logs why, and does not run ffmpeg again at once', async () => {
    const name = recordingName('Damaged Room');
    await putBlob(server.container, `recordings/${name}`, 64 * 1024);
    const answer = await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}/poster`, { headers: operator });
    expect(answer.status).toBe(503);
    expect(answer.body['errorMessage']).toMatch(/poster of this recording cannot be made/);
    const line = await log.waitFor((candidate) => candidate['recording'] === name && typeof candidate['reason'] === 'string');
    expect(String(line['reason'])).toMatch(/ffmpeg failed/);
    expect(JSON.stringify(line)).not.toMatch(/sig=(?!\[redacted\])/);
    expect((await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}/poster`, { headers: operator })).status).toBe(503);
    expect(ffmpegRuns()).toBe(1);
    expect(await blobExists(server.container, `recordings/.posters/${name}.jpg`)).toBe(false);
  }, 30_000);
});
