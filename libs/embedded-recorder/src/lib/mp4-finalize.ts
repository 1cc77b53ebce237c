import { execFile } from 'node:child_process';
import { open, rename, rm, stat } from 'node:fs/promises';

/** A finished recording on disk. */
export interface RecordedFile {
  path: string;
  sizeBytes: number;
  durationMs: number;
}

/**
 * Remuxes the fragmented capture into the final MP4 with `moov` first (plays before it is fully downloaded),
 * copying every stream, and no longer than `maxDurationMs` when given. A capture cut off mid-fragment (a killed
 * ffmpeg) gives what its whole fragments hold. Resolves undefined when there is nothing playable.
 */
export async function finalizeRecording(
  ffmpegPath: string,
  capture: string,
  output: string,
  maxDurationMs?: number,
): Promise<RecordedFile | undefined> {
  if (!(await stat(capture).catch(() => undefined))?.size) return undefined;
  const partial = `${output}.partial.mp4`;
  const limit = maxDurationMs && maxDurationMs > 0 ? ['-t', (maxDurationMs / 1000).toFixed(3)] : [];
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-i',
    capture,
    '-map',
    '0',
    '-c',
    'copy',
    ...limit,
    '-movflags',
    '+faststart',
    '-y',
    partial,
  ];
  // A capture that ends mid-box makes ffmpeg complain and still write what it read; the file decides.
  await new Promise<void>((resolve) => execFile(ffmpegPath, args, { timeout: 600_000 }, () => resolve()));
  const durationMs = await mp4DurationMs(partial).catch(() => undefined);
  if (!durationMs) {
    await rm(partial, { force: true });
    return undefined;
  }
  await rename(partial, output);
  return { path: output, sizeBytes: (await stat(output)).size, durationMs };
}

/** The duration an MP4's `moov/mvhd` declares, in ms; throws when the file has no readable `moov`. */
export async function mp4DurationMs(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const moov = await findBox(handle, 0, size, 'moov');
    if (!moov) throw new Error(`${file} has no moov box`);
    const mvhd = await findBox(handle, moov.start + moov.header, moov.start + moov.size, 'mvhd');
    if (!mvhd) throw new Error(`${file} has no mvhd box`);
    const body = Buffer.alloc(32);
    await handle.read(body, 0, 32, mvhd.start + mvhd.header);
    const version = body.readUInt8(0);
    const timescale = version === 1 ? body.readUInt32BE(20) : body.readUInt32BE(12);
    const duration = version === 1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16);
    if (!timescale) throw new Error(`${file} has a zero timescale`);
    return Math.round((duration / timescale) * 1000);
  } finally {
    await handle.close();
  }
}

async function findBox(
  handle: Awaited<ReturnType<typeof open>>,
  from: number,
  to: number,
  type: string,
): Promise<{ start: number; size: number; header: number } | undefined> {
  const header = Buffer.alloc(16);
  let offset = from;
  while (offset + 8 <= to) {
    const { bytesRead } = await handle.read(header, 0, 16, offset);
    if (bytesRead < 8) return undefined;
    let size = header.readUInt32BE(0);
    let headerSize = 8;
    if (size === 1) {
      if (bytesRead < 16) return undefined;
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) {
      size = to - offset;
    }
    if (size < headerSize) return undefined;
    if (header.toString('latin1', 4, 8) === type) return offset + size <= to ? { start: offset, size, header: headerSize } : undefined;
    offset += size;
  }
  return undefined;
}
