import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppConfig } from '../config/app-config';
import { FfmpegRunError, FfmpegRunner } from './ffmpeg-runner.service';
import { H264_VIDEO_RECORDING } from './media-input';
import { DEFAULT_MEDIA_LIMITS } from './media-limits';

const JPEG_OUTPUT = ['-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'];

/** The runner on its own, with Debian's ffmpeg, reading from a plain HTTP server (storage is the integration tests'). */
describe('FfmpegRunner', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ffmpeg-runner-'));
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const video = join(folder, 'video.mp4');
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=1:size=160x120:rate=10'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video],
    ]);
    const bytes = readFileSync(video);
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'video/mp4' }).end(bytes));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/video.mp4?sig=not-a-real-signature`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  function runnerWith(env: Record<string, string>): FfmpegRunner {
    return new FfmpegRunner(AppConfig.fromEnvironment(env), DEFAULT_MEDIA_LIMITS);
  }

  function wrapper(name: string, body: string): string {
    const file = join(folder, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  const run = (runner: FfmpegRunner) =>
    runner.run({ source: url, input: H264_VIDEO_RECORDING, seekSeconds: 0, output: JPEG_OUTPUT, deadline: Date.now() + 20_000 });

  it('finds ffmpeg on PATH when FFMPEG_PATH is unset, and answers what it wrote', async () => {
    const jpeg = await run(runnerWith({ PATH: '/usr/local/bin:/usr/bin:/bin' }));
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('gives ffmpeg no environment variable of this process but PATH', async () => {
    const seen = join(folder, 'environment.txt');
    const runner = runnerWith({ FFMPEG_PATH: wrapper('print-env', `env > '${seen}'\nexit 1`), PATH: '/usr/bin:/bin' });
    process.env['RUNNER_SPEC_SECRET'] = 'must-not-reach-ffmpeg';
    try {
      await expect(run(runner)).rejects.toBeInstanceOf(FfmpegRunError);
    } finally {
      delete process.env['RUNNER_SPEC_SECRET'];
    }
    const names = readFileSync(seen, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=')[0]);
    // The shell adds PWD itself.
    expect(names.filter((name) => name !== 'PWD')).toEqual(['PATH']);
  });

  it('reports a failed run without the URL signature', async () => {
    const runner = runnerWith({ FFMPEG_PATH: wrapper('fail', `echo "could not open $* " >&2\nexit 3`) });
    const failure = await run(runner).then(
      () => new Error('expected a failure'),
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(FfmpegRunError);
    expect(failure.message).toMatch(/^ffmpeg failed \(exit 3\): could not open .*sig=\[redacted\]/);
    expect(failure.message).not.toContain('not-a-real-signature');
  });

  it('kills the runs still alive at shutdown', async () => {
    const runner = runnerWith({ FFMPEG_PATH: wrapper('hang', 'exec sleep 60') });
    const running = run(runner).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    runner.onApplicationShutdown();
    expect(await running).toBeInstanceOf(FfmpegRunError);
  });
});
