import {
  avSyncPage,
  BT1359_ACCEPTABILITY,
  BT1359_DETECTABILITY,
  frameTiming,
  isMoovBeforeMdat,
  makeTestCardClip,
  measureAvSync,
  PageServer,
  probeMedia,
  regionStats,
  servePages,
  TEST_CARD_REGIONS,
  testCardPage,
  toneContrast,
} from '@recording/testing/media-checks';

import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { EmbeddedRecorder } from './embedded-recorder';
import { RecorderActive, RecorderOutcome } from './recorder-types';
import { DEFAULT_RECORDER_VIDEO } from './recorder-video';
import { SessionFiles } from './session-files';

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const FFMPEG = process.env['FFMPEG_PATH'] || 'ffmpeg';
const TOKEN = 'recorder-spec-token-0123456789abcdef';
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/**
 * These specs share the machine with every other test project, so they hold the recorder to what no load excuses:
 * no stall (a page captured without the frame keeper gives one frame a second), a frame rate near the one asked for,
 * sound in sync by the median and never past BT.1359's threshold of acceptability. The real-time goals (frames at most
 * 100 ms apart, every offset within the threshold of detectability) are measured by `npm run bench` on a quiet machine.
 */
const NO_STALL_MS = 500;
const NEAR_REAL_TIME_FPS = 20;

/** Real Chromium and ffmpeg recording pages served on 127.0.0.1; each capture lasts a few seconds. */
describe('EmbeddedRecorder', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'embedded-recorder-'));
  const logs: string[] = [];
  const logger = { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  let pages: PageServer;
  let recorder: EmbeddedRecorder;

  beforeAll(async () => {
    pages = await servePages({
      '/card': testCardPage(),
      '/still-card-that-ends': testCardPage({ motion: false, endRecordingAfterMs: 4_000 }),
      '/sync': avSyncPage(),
    });
    recorder = new EmbeddedRecorder({ chromiumPath: CHROMIUM, ffmpegPath: FFMPEG, workDir, logger });
  });
  afterAll(async () => {
    await recorder.close();
    await pages.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const pageUrl = (path: string) => `${pages.url(path)}?url=ws%3A%2F%2F127.0.0.1%3A7880&token=${TOKEN}&layout=grid`;

  it('records the test card as H.264 + AAC 48 kHz, moov first, BT.709 levels, its tone and steady frames', async () => {
    const requestedAt = Date.now();
    const session = recorder.start({ id: 'card', pageUrl: pageUrl('/card'), meta: { roomName: 'room-1' } });
    expect(session.state).toBe('starting');
    expect(recorder.sessions()).toEqual([session]);
    const [active] = (await once(session, 'active')) as [RecorderActive];
    const activeAfterMs = Date.now() - requestedAt;
    expect(activeAfterMs).toBeLessThan(10_000);
    expect(session.state).toBe('active');
    await sleep(4_000);
    const stopAt = Date.now();
    const outcome = await session.stop();
    const stopToFileMs = Date.now() - stopAt;

    expect(outcome).toMatchObject({ id: 'card', state: 'complete', meta: { roomName: 'room-1' }, startedAt: active.startedAt });
    if (outcome.state !== 'complete') return;
    const file = outcome.file.path;
    expect(Math.abs(outcome.file.durationMs - (stopAt - active.startedAt))).toBeLessThanOrEqual(500);
    expect(stopToFileMs).toBeLessThan(5_000);
    expect(await isMoovBeforeMdat(file)).toBe(true);
    const probe = await probeMedia(file);
    expect(probe.streams.map((s) => [s.type, s.codec])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
    expect(probe.streams[0]).toMatchObject({ width: 1280, height: 720, pixelFormat: 'yuv420p', colorRange: 'tv' });
    expect(probe.streams[1]).toMatchObject({ sampleRate: 48_000 });
    expect(probe.sizeBytes).toBe(outcome.file.sizeBytes);

    const at = (await regionStats(file, 1.5, TEST_CARD_REGIONS.black)).meanLuma;
    expect(at).toBeGreaterThanOrEqual(14);
    expect(at).toBeLessThanOrEqual(19);
    expect((await regionStats(file, 1.5, TEST_CARD_REGIONS.white)).meanLuma).toBeGreaterThanOrEqual(232);
    expect((await regionStats(file, 1.5, TEST_CARD_REGIONS.white)).meanLuma).toBeLessThanOrEqual(237);
    // Players that follow the file's colour tags see the card's colours, not a tint.
    const primaries = { red: [255, 0, 0], green: [0, 255, 0], blue: [0, 0, 255] } as const;
    for (const [name, expected] of Object.entries(primaries)) {
      const rgb = (await regionStats(file, 1.5, TEST_CARD_REGIONS[name as keyof typeof primaries])).meanRgb;
      rgb.forEach((channel, i) => expect(Math.abs(channel - expected[i])).toBeLessThanOrEqual(12));
    }
    expect((await toneContrast(file, 440, 3_000)).contrastDb).toBeGreaterThan(20);
    const timing = await frameTiming(file);
    // Real time on a shared machine: say how busy it was, so a failure here can be told from a regression.
    console.log(`card: active after ${activeAfterMs} ms, stop→file ${stopToFileMs} ms, ${JSON.stringify(timing)}, load ${loadAverage()}`);
    expect(timing.longestGapMs).toBeLessThanOrEqual(NO_STALL_MS);
    expect(timing.averageFps).toBeGreaterThan(NEAR_REAL_TIME_FPS);

    // Only the finished file and its sidecar stay, until the caller discards them.
    expect(readdirSync(join(workDir, 'card')).sort()).toEqual(['recording.mp4', 'session.json']);
    expect(recorder.sessions()).toEqual([]);
    // The page URL carries the recorder's token: the logs say where the page is, never the query.
    expect(logs.some((line) => line.includes(pages.url('/card')))).toBe(true);
    expect(logs.filter((line) => line.includes(TOKEN))).toEqual([]);
    await recorder.discard('card');
  });

  it('hands a finished but not yet discarded recording to the next instance as complete', async () => {
    // What a recording leaves once complete: its sidecar and its file (the caller died before discarding it).
    const otherWorkDir = join(workDir, '..', `${basename(workDir)}-leftovers`);
    const files = new SessionFiles(otherWorkDir, 'finished');
    await files.create({
      id: 'finished',
      meta: { roomName: 'room-2' },
      audioOnly: false,
      video: DEFAULT_RECORDER_VIDEO,
      state: 'complete',
      createdAt: 1,
      startedAt: 2,
      endedAt: 3,
    });
    await makeTestCardClip(files.output, 'limited', 2);
    const next = new EmbeddedRecorder({ chromiumPath: CHROMIUM, ffmpegPath: FFMPEG, workDir: otherWorkDir });
    const leftovers = await next.recoverLeftovers();
    expect(leftovers).toEqual([
      {
        id: 'finished',
        state: 'complete',
        meta: { roomName: 'room-2' },
        file: { path: files.output, sizeBytes: statSync(files.output).size, durationMs: expect.closeTo(2000, -2) },
        startedAt: 2,
        endedAt: 3,
      },
    ]);
    expect(await next.recoverLeftovers()).toEqual(leftovers);
    await next.discard('finished');
    expect(existsSync(files.dir)).toBe(false);
    rmSync(otherWorkDir, { recursive: true, force: true });
  });

  it('records sound only when asked: AAC 48 kHz and no video stream', async () => {
    const session = recorder.start({ id: 'audio-only', pageUrl: pageUrl('/card'), audioOnly: true });
    await once(session, 'active');
    await sleep(3_000);
    const outcome = await session.stop();
    expect(outcome).toMatchObject({ state: 'complete' });
    const file = outcome.file?.path as string;
    const probe = await probeMedia(file);
    expect(probe.streams.map((s) => [s.type, s.codec, s.sampleRate])).toEqual([['audio', 'aac', 48_000]]);
    expect(await isMoovBeforeMdat(file)).toBe(true);
    expect((await toneContrast(file, 440, 3_000)).contrastDb).toBeGreaterThan(20);
    await recorder.discard('audio-only');
  });

  it('ends by itself on the page’s END_RECORDING, keeping a still page at a steady frame rate', async () => {
    const session = recorder.start({ id: 'ends', pageUrl: pageUrl('/still-card-that-ends') });
    const outcome: RecorderOutcome = await session.done;
    expect(outcome).toMatchObject({ state: 'complete' });
    // END_RECORDING comes 4 s after START_RECORDING; the capture starts one to two seconds after the latter.
    expect(outcome.file?.durationMs).toBeGreaterThan(1_500);
    expect(outcome.file?.durationMs).toBeLessThan(4_000);
    const timing = await frameTiming(outcome.file?.path as string);
    console.log(`still card: ${JSON.stringify(timing)}, load ${loadAverage()}`);
    expect(timing.longestGapMs).toBeLessThanOrEqual(NO_STALL_MS);
    expect(timing.averageFps).toBeGreaterThan(NEAR_REAL_TIME_FPS);
    await recorder.discard('ends');
  });

  it('keeps picture and sound of the A/V sync page in sync (BT.1359)', async () => {
    const session = recorder.start({ id: 'sync', pageUrl: pageUrl('/sync') });
    await once(session, 'active');
    await sleep(8_000);
    const outcome = await session.stop();
    const report = await measureAvSync(outcome.file?.path as string, { windowS: 4 });
    console.log(`A/V sync: start ${JSON.stringify(report.start)}, end ${JSON.stringify(report.end)}, load ${loadAverage()}`);
    expect(report.all.count).toBeGreaterThanOrEqual(6);
    expect(report.all.medianMs).toBeGreaterThanOrEqual(BT1359_DETECTABILITY.earliestMs);
    expect(report.all.medianMs).toBeLessThanOrEqual(BT1359_DETECTABILITY.latestMs);
    expect(report.all.minMs).toBeGreaterThanOrEqual(BT1359_ACCEPTABILITY.earliestMs);
    expect(report.all.maxMs).toBeLessThanOrEqual(BT1359_ACCEPTABILITY.latestMs);
    await recorder.discard('sync');
  });
});
