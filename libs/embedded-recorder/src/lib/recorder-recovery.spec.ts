import { isMoovBeforeMdat, PageServer, probeMedia, servePages, testCardPage } from '@recording/testing/media-checks';

import { transformFileSync } from '@swc/core';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

import { EmbeddedRecorder } from './embedded-recorder';
import { processesMentioning } from './process-tree';

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const FFMPEG = process.env['FFMPEG_PATH'] || 'ffmpeg';
const WORKSPACE = resolve(__dirname, '../../../..');

/**
 * The recorder's own process is killed (`kill -9` of the API) in the middle of a recording: another instance
 * on the same work dir finds what it left, stops its stray processes and finishes the capture.
 */
describe('EmbeddedRecorder.recoverLeftovers after a killed process', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'embedded-recorder-recovery-'));
  const workDir = join(scratch, 'work');
  let pages: PageServer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    pages = await servePages({ '/card': testCardPage() });
    compileLibraryTo(join(scratch, 'lib'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await pages.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finalizes the capture a killed recorder left, as failed with its meta, and leaves nothing behind once discarded', async () => {
    child = spawn(process.execPath, [join(scratch, 'record.js'), workDir, pages.url('/card'), CHROMIUM, FFMPEG], {
      env: { ...process.env, NODE_PATH: join(WORKSPACE, 'node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const active = await new Promise<{ ffmpeg: number }>((resolvePids, reject) => {
      lines.on('line', (line) => resolvePids(JSON.parse(line)));
      child?.on('exit', (code) => reject(new Error(`the recording process exited early (${code})`)));
    });
    await sleep(2_500);
    // The whole process dies at once, and its ffmpeg with it (no last fragment); its Chromium is orphaned.
    child.kill('SIGKILL');
    process.kill(active.ffmpeg, 'SIGKILL');
    await sleep(200);

    const sessionDir = join(workDir, 'left-behind');
    const recorder = new EmbeddedRecorder({ chromiumPath: CHROMIUM, ffmpegPath: FFMPEG, workDir });
    const leftovers = await recorder.recoverLeftovers();
    expect(leftovers).toEqual([
      expect.objectContaining({
        id: 'left-behind',
        state: 'failed',
        meta: { roomName: 'room-9', recordingName: 'room-9--1.mp4' },
        reason: expect.stringMatching(/process ended/),
      }),
    ]);
    const [leftover] = leftovers;
    expect(leftover.file?.durationMs).toBeGreaterThan(1_000);
    expect(await isMoovBeforeMdat(leftover.file?.path as string)).toBe(true);
    expect((await probeMedia(leftover.file?.path as string)).streams.map((s) => s.codec)).toEqual(['h264', 'aac']);
    expect(processesMentioning(`${sessionDir}/`)).toEqual([]);
    expect(readdirSync(sessionDir).sort()).toEqual(['recording.mp4', 'session.json']);

    expect(await recorder.recoverLeftovers()).toEqual(leftovers);
    await recorder.discard('left-behind');
    expect(existsSync(sessionDir)).toBe(false);
    expect(await recorder.recoverLeftovers()).toEqual([]);
  });

  it('clears a folder that never got a sidecar (the process died before capturing)', async () => {
    const otherWorkDir = join(scratch, 'other-work');
    mkdirSync(join(otherWorkDir, 'no-sidecar', 'profile'), { recursive: true });
    const recorder = new EmbeddedRecorder({ chromiumPath: CHROMIUM, ffmpegPath: FFMPEG, workDir: otherWorkDir });
    expect(await recorder.recoverLeftovers()).toEqual([]);
    expect(readdirSync(otherWorkDir)).toEqual([]);
  });

  /** The library as plain CommonJS (SWC, as jest compiles it), plus a script that records and reports its ffmpeg. */
  function compileLibraryTo(dir: string): void {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(__dirname).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))) {
      const { code } = transformFileSync(join(__dirname, name), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      writeFileSync(join(dir, name.replace(/\.ts$/, '.js')), code);
    }
    writeFileSync(
      join(scratch, 'record.js'),
      `const { EmbeddedRecorder } = require('./lib/embedded-recorder.js');
const [workDir, pageUrl, chromiumPath, ffmpegPath] = process.argv.slice(2);
const recorder = new EmbeddedRecorder({ workDir, chromiumPath, ffmpegPath });
const session = recorder.start({ id: 'left-behind', pageUrl, meta: { roomName: 'room-9', recordingName: 'room-9--1.mp4' } });
session.on('active', () => console.log(JSON.stringify({ ffmpeg: session.processIds().ffmpeg })));
setInterval(() => undefined, 1000);
`,
    );
  }
});
