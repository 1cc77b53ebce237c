import { PageServer, probeMedia, servePages, testCardPage } from '@recording/testing/media-checks';

import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { EmbeddedRecorder } from './embedded-recorder';
import { isAlive } from './process-tree';
import { RecorderAtCapacityError, RecorderFailed } from './recorder-types';
import { parseRecorderVideo } from './recorder-video';

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const FFMPEG = process.env['FFMPEG_PATH'] || 'ffmpeg';
const TOKEN = 'failures-spec-token-0123456789abcdef';

/** How recordings end when something goes wrong: each ends `failed` with a reason, keeping what was captured. */
describe('EmbeddedRecorder when things go wrong', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'embedded-recorder-failures-'));
  const logs: string[] = [];
  const logger = { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  let pages: PageServer;
  let recorder: EmbeddedRecorder;

  beforeAll(async () => {
    pages = await servePages({ '/card': testCardPage(), '/never-starts': testCardPage({ startRecording: 'never' }) });
    // A smaller picture: these tests are about endings, not pictures, and the machine is shared.
    recorder = new EmbeddedRecorder({
      chromiumPath: CHROMIUM,
      ffmpegPath: FFMPEG,
      workDir,
      logger,
      video: parseRecorderVideo('640x360@30'),
      startTimeoutMs: 3_000,
      maxConcurrent: 1,
    });
  });
  afterAll(async () => {
    await recorder.close();
    await pages.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const url = (path: string) => `${pages.url(path)}?token=${TOKEN}`;
  const failedOf = async (promise: Promise<unknown>) => (await promise) as RecorderFailed;

  it('fails with a clear reason when the page never logs START_RECORDING, leaving nothing running', async () => {
    const startedAt = Date.now();
    const session = recorder.start({ id: 'never-starts', pageUrl: url('/never-starts') });
    const outcome = await failedOf(session.done);
    expect(outcome).toMatchObject({ state: 'failed', reason: 'the page did not log START_RECORDING within 3 s', file: undefined });
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(session.processIds().chromium.filter(isAlive)).toEqual([]);
    expect(readdirSync(join(workDir, 'never-starts'))).toEqual(['session.json']);
  });

  it('stops a recording that is still starting, whatever its listeners do', async () => {
    const session = recorder.start({ id: 'stopped-early', pageUrl: url('/never-starts') });
    let failedEvents = 0;
    session.on('failed', () => {
      failedEvents++;
      throw new Error('a bug in the caller');
    });
    await sleep(300);
    const outcome = await session.stop();
    expect(outcome).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^stopped before recording started/) });
    expect(failedEvents).toBe(1);
    expect(session.state).toBe('failed');
    expect(logs).toContain("Recording stopped-early: a 'failed' listener threw: a bug in the caller");
  });

  it('fails without the token in its reason or logs when the page cannot be opened', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const session = recorder.start({ id: 'unreachable', pageUrl: `http://127.0.0.1:${closedPort}/recording-template?token=${TOKEN}` });
    const outcome = await failedOf(session.done);
    expect(outcome.reason).toMatch(/ERR_CONNECTION_REFUSED/);
    expect(outcome.reason).not.toContain(TOKEN);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('turns down a start past maxConcurrent until a recording ends', async () => {
    const first = recorder.start({ id: 'capacity-1', pageUrl: url('/never-starts') });
    expect(() => recorder.start({ id: 'capacity-2', pageUrl: url('/card') })).toThrow(RecorderAtCapacityError);
    expect(() => recorder.start({ id: 'capacity-2', pageUrl: url('/card') })).toThrow(/RECORDER_MAX_CONCURRENT/);
    await first.stop();
    const second = recorder.start({ id: 'capacity-2', pageUrl: url('/never-starts') });
    await second.stop();
  });

  it.each([
    ['an id that is a path', { id: '../escape', pageUrl: 'http://127.0.0.1/' }, /must be 1–128 letters/],
    ['an empty id', { id: '', pageUrl: 'http://127.0.0.1/' }, /must be 1–128 letters/],
    ['a page that is not http(s)', { id: 'file-page', pageUrl: 'file:///etc/passwd' }, /must be http\(s\)/],
    ['a page that is not a URL', { id: 'no-url', pageUrl: 'recording-template' }, /not a valid URL/],
  ])('refuses %s', (_name, request, message) => {
    expect(() => recorder.start(request)).toThrow(message);
    expect(recorder.sessions()).toEqual([]);
  });

  it('refuses an id whose folder is still in the work dir (not yet discarded)', () => {
    mkdirSync(join(workDir, 'taken'));
    expect(() => recorder.start({ id: 'taken', pageUrl: url('/card') })).toThrow(/recording taken already exists/);
  });

  it('fails when Chromium is killed, keeping what was captured as a playable file', async () => {
    const session = recorder.start({ id: 'chromium-killed', pageUrl: url('/card') });
    await once(session, 'active');
    await sleep(2_500);
    const { chromium } = session.processIds();
    expect(chromium.length).toBeGreaterThan(1);
    chromium.forEach((pid) => process.kill(pid, 'SIGKILL'));
    const outcome = await failedOf(session.done);
    expect(outcome.reason).toMatch(/Chromium exited while recording|the recorded page (crashed|closed)/);
    expect(outcome.file?.durationMs).toBeGreaterThan(1_500);
    const probe = await probeMedia(outcome.file?.path as string);
    expect(probe.streams.map((s) => s.codec)).toEqual(['h264', 'aac']);
  });

  it('fails when ffmpeg is killed, with its reason, keeping its whole fragments', async () => {
    const session = recorder.start({ id: 'ffmpeg-killed', pageUrl: url('/card') });
    await once(session, 'active');
    await sleep(2_500);
    const { ffmpeg } = session.processIds();
    process.kill(ffmpeg as number, 'SIGKILL');
    const outcome = await failedOf(session.done);
    expect(outcome.reason).toBe('ffmpeg exited while recording (SIGKILL)');
    expect(outcome.file?.durationMs).toBeGreaterThan(900);
    expect((await probeMedia(outcome.file?.path as string)).streams.map((s) => s.codec)).toEqual(['h264', 'aac']);
    expect(session.processIds().chromium.filter(isAlive)).toEqual([]);
  });
});
