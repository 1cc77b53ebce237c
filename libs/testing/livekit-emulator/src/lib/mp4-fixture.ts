import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `FFMPEG_PATH` overrides the ffmpeg found on PATH (Debian: /usr/bin/ffmpeg). */
export function ffmpegPath(): string {
  return process.env['FFMPEG_PATH'] || 'ffmpeg';
}

const MISSING_FFMPEG =
  'The LiveKit emulator writes real MP4 recordings with ffmpeg, which was not found. ' +
  'Install it with: apt-get install -y --no-install-recommends ffmpeg (or set FFMPEG_PATH).';

/** Fails with an actionable message when ffmpeg cannot be run. */
export async function assertFfmpegAvailable(): Promise<void> {
  try {
    await run(ffmpegPath(), ['-hide_banner', '-version']);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING_FFMPEG, { cause: e });
    throw new Error(`${MISSING_FFMPEG} (running it failed: ${(e as Error).message})`, { cause: e });
  }
}

/** Shared by every emulator in the process; jest workers and other processes share the files on disk. */
const inFlight = new Map<number, Promise<Buffer>>();

/**
 * A real, playable MP4 (H.264 + AAC, moov atom first) of `seconds` length: a test pattern and a 440 Hz tone.
 * Generated once per length into the temp dir and reused; binaries are never committed.
 */
export function mp4Fixture(seconds: number): Promise<Buffer> {
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    return Promise.reject(new RangeError(`recordingSeconds must be in (0, 3600], got ${seconds}`));
  }
  let pending = inFlight.get(seconds);
  if (!pending) {
    pending = loadOrGenerate(seconds);
    // A failed generation is not cached, so a later call (e.g. after installing ffmpeg) can retry.
    pending.catch(() => inFlight.delete(seconds));
    inFlight.set(seconds, pending);
  }
  return pending;
}

async function loadOrGenerate(seconds: number): Promise<Buffer> {
  const dir = join(tmpdir(), 'livekit-emulator-mp4');
  const file = join(dir, `testsrc-h264-aac-${seconds}s.mp4`);
  if ((await stat(file).catch(() => undefined))?.isFile()) return readFile(file);

  await mkdir(dir, { recursive: true });
  // Write to a unique name and rename, so concurrent processes never read a half-written file.
  const partial = `${file}.${process.pid}.${Date.now()}.partial.mp4`;
  try {
    await run(
      ffmpegPath(),
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `testsrc=duration=${seconds}:size=640x360:rate=25`,
        '-f',
        'lavfi',
        '-i',
        `sine=frequency=440:duration=${seconds}`,
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        '-c:a',
        'aac',
        '-shortest',
        '-movflags',
        '+faststart',
        partial,
      ],
      { timeout: 120_000 },
    );
  } catch (e) {
    await unlink(partial).catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING_FFMPEG, { cause: e });
    throw new Error(`ffmpeg could not generate the test MP4: ${(e as Error).message}`, { cause: e });
  }
  await rename(partial, file);
  return readFile(file);
}
