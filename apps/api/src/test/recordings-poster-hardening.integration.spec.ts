import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { operatorAuth } from './support/credentials';
import { requestJson } from './support/http';
import { blobExists, emptyContainer, putBlob, recordingName } from './support/recordings';
import { jpegSize, realFfmpeg, testVideo, writeFfmpegWrapper } from './support/test-media';
import { startTestServer, TestServer } from './support/test-server';

const WORK = join(tmpdir(), `poster-hardening-spec-${process.pid}`);
const OPERATOR_SECRET = 'poster-operator-secret-0123';

/** What Egress writes: H.264 in MP4, index (moov) at the end. */
const egressVideo = () => testVideo(join(WORK, 'egress-320x240.mp4'), { seconds: 3, size: '320x240' });

/** An HTTP server that must never be asked: it stands for an address inside the network (metadata service, admin API). */
class Canary {
  readonly requests: string[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<Canary> {
    const canary: Canary = new Canary(
      createServer((request, response) => {
        canary.requests.push(`${request.method} ${request.url}`);
        response.writeHead(404).end();
      }),
    );
    await new Promise<void>((resolve) => canary.server.listen(0, '127.0.0.1', resolve));
    return canary;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The lines a wrapper appended to its log. */
function linesOf(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe('posters of hostile files (Debian ffmpeg with a hardened input)', () => {
  let server: TestServer;
  let operator: Record<string, string>;
  let canary: Canary;
  const RUN_LOG = join(WORK, 'alive.log');

  beforeAll(async () => {
    canary = await Canary.start();
    // Writes "+" when a run starts and "-" when it has ended, around the real ffmpeg (a short pause first, so that
    // runs the cap allowed at once would overlap).
    const wrapper = join(WORK, 'ffmpeg-counting');
    writeFfmpegWrapper(
      wrapper,
      `echo + >> '${RUN_LOG}'\nsleep 0.3\n'${realFfmpeg()}' "$@"\nstatus=$?\necho - >> '${RUN_LOG}'\nexit $status`,
    );
    server = await startTestServer({ FFMPEG_PATH: wrapper, OPERATOR_SECRET });
    operator = await operatorAuth(server.url, OPERATOR_SECRET);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await canary?.stop();
  });
  beforeEach(async () => {
    await emptyContainer(server.container);
    writeFileSync(RUN_LOG, '');
  });

  const posterOf = (name: string) => fetch(`${server.url}/recordings/${encodeURIComponent(name)}/poster`, { headers: operator });

  async function expectNoPoster(name: string): Promise<void> {
    const answer = await requestJson(`${server.url}/recordings/${encodeURIComponent(name)}/poster`, { headers: operator });
    expect(answer).toMatchObject({ status: 503, body: { errorMessage: expect.stringMatching(/poster of this recording cannot be made/) } });
    expect(await blobExists(server.container, `recordings/.posters/${name}.jpg`)).toBe(false);
  }

  it('answers 503 for random bytes', async () => {
    const name = recordingName('Random Room');
    await putBlob(server.container, `recordings/${name}`, randomBytes(256 * 1024));
    await expectNoPoster(name);
  });

  it('answers 503 for an MP4 cut before its index (as an upload that stopped half way leaves it)', async () => {
    const name = recordingName('Truncated Room');
    const video = egressVideo();
    await putBlob(server.container, `recordings/${name}`, video.subarray(0, Math.floor(video.length / 2)));
    await expectNoPoster(name);
  });

  it('makes the poster of the first frame of an index-first MP4 cut after its first frames', async () => {
    const name = recordingName('Cut Room');
    const video = testVideo(join(WORK, 'faststart-320x240.mp4'), { seconds: 3, size: '320x240', faststart: true });
    await putBlob(server.container, `recordings/${name}`, video.subarray(0, Math.floor(video.length * 0.4)));
    const answer = await posterOf(name);
    expect(answer.status).toBe(200);
    expect(jpegSize(Buffer.from(await answer.arrayBuffer()))).toEqual({ width: 320, height: 240 });
  });

  it('answers 503 for an MP4 whose video is not H.264: no other decoder is opened', async () => {
    const name = recordingName('Mpeg4 Room');
    await putBlob(
      server.container,
      `recordings/${name}`,
      testVideo(join(WORK, 'mpeg4-320x240.mp4'), { seconds: 3, size: '320x240', encoder: 'mpeg4' }),
    );
    await expectNoPoster(name);
  });

  it('answers 503 for a ".mp4" that is an HLS playlist, and ffmpeg reads that blob and nothing else', async () => {
    const name = recordingName('Playlist Room');
    const playlist = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:2',
      '#EXTINF:2.0,',
      `${canary.url}/latest/meta-data/segment.ts`,
      '#EXT-X-ENDLIST',
      '',
    ].join('\n');
    await putBlob(server.container, `recordings/${name}`, Buffer.from(playlist));
    server.storageProxy.resetCounters();
    await expectNoPoster(name);
    expect(canary.requests).toEqual([]);
    // ffmpeg's reads are the ones signed by the short-lived SAS; the API's own (the operator sessions, the poster's
    // properties) go with the account key.
    const reads = server.storageProxy.requests.filter((request) => request.line.startsWith('GET ') && request.line.includes('sig='));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read.line).toContain(`/recordings/${encodeURIComponent(name)}?`);
  });

  it('never runs more than 2 ffmpeg at once, however many first requests arrive', async () => {
    const names = Array.from({ length: 6 }, (_, index) => recordingName(`Crowd Room ${index}`));
    for (const name of names) await putBlob(server.container, `recordings/${name}`, egressVideo());
    const answers = await Promise.all(names.map((name) => posterOf(name)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));

    const events = linesOf(RUN_LOG);
    expect(events.filter((event) => event === '+')).toHaveLength(6);
    let alive = 0;
    let mostAlive = 0;
    for (const event of events) {
      alive += event === '+' ? 1 : -1;
      mostAlive = Math.max(mostAlive, alive);
    }
    expect(mostAlive).toBe(2);
  }, 60_000);
});

describe('ffmpeg time limit, busy slots and a missing ffmpeg', () => {
  let server: TestServer;
  let operator: Record<string, string>;
  const wrapper = join(WORK, 'ffmpeg-limited');
  const PIDS = join(WORK, 'pids.log');
  const LIMITS = { maxConcurrentRuns: 1, slotWaitMs: 300, runTimeoutMs: 2_500 };

  beforeAll(async () => {
    server = await startTestServer({ FFMPEG_PATH: wrapper, OPERATOR_SECRET }, { mediaLimits: LIMITS });
    operator = await operatorAuth(server.url, OPERATOR_SECRET);
  }, 60_000);
  afterAll(() => server?.close());
  beforeEach(async () => {
    await emptyContainer(server.container);
    writeFileSync(PIDS, '');
    // An ffmpeg that never ends (exec: the pid is the process the API must kill).
    writeFfmpegWrapper(wrapper, `echo $$ >> '${PIDS}'\nexec sleep 60`);
  });

  const posterAnswer = (name: string) => requestJson(`${server.url}/recordings/${encodeURIComponent(name)}/poster`, { headers: operator });

  it('kills a run at its time limit and answers 503', async () => {
    const name = recordingName('Hanging Room');
    await putBlob(server.container, `recordings/${name}`, egressVideo());
    const startedAt = Date.now();
    const answer = await posterAnswer(name);
    const tookMs = Date.now() - startedAt;
    expect(answer).toMatchObject({ status: 503, body: { errorMessage: expect.stringMatching(/poster of this recording cannot be made/) } });
    expect(tookMs).toBeGreaterThanOrEqual(LIMITS.runTimeoutMs);
    expect(tookMs).toBeLessThan(LIMITS.runTimeoutMs + 5_000);
    const pids = linesOf(PIDS).map(Number);
    expect(pids).toHaveLength(1);
    expect(isAlive(pids[0])).toBe(false);
  });

  it('answers 503 "busy" to a run past the cap after its bounded wait, starting no second ffmpeg', async () => {
    const [hanging, waiting] = [recordingName('Slow Room'), recordingName('Queued Room')];
    for (const name of [hanging, waiting]) await putBlob(server.container, `recordings/${name}`, egressVideo());
    const first = posterAnswer(hanging);
    await until(() => linesOf(PIDS).length === 1);

    const startedAt = Date.now();
    const second = await posterAnswer(waiting);
    expect(Date.now() - startedAt).toBeLessThan(LIMITS.runTimeoutMs);
    expect(second).toMatchObject({ status: 503, body: { errorMessage: 'Too many posters are being made at once; try again in a moment' } });
    expect(linesOf(PIDS)).toHaveLength(1);
    expect((await first).status).toBe(503);

    // Busy is not the file's fault: the next request runs ffmpeg at once (one that fails fast, here).
    writeFfmpegWrapper(wrapper, `echo $$ >> '${PIDS}'\nexit 1`);
    expect((await posterAnswer(waiting)).status).toBe(503);
    expect(linesOf(PIDS)).toHaveLength(2);
  });

  it('keeps serving without ffmpeg, and its posters answer 503 saying what to install', async () => {
    rmSync(wrapper);
    const name = recordingName('Plain Room');
    await putBlob(server.container, `recordings/${name}`, egressVideo());
    const answer = await posterAnswer(name);
    expect(answer.status).toBe(503);
    expect(answer.body['errorMessage']).toMatch(/Posters need ffmpeg.*apt-get install -y --no-install-recommends ffmpeg.*FFMPEG_PATH/);
    expect((await requestJson(`${server.url}/recordings`, { headers: operator })).status).toBe(200);
    expect((await fetch(`${server.url}/recordings/${encodeURIComponent(name)}`, { headers: operator })).status).toBe(200);
  });
});
