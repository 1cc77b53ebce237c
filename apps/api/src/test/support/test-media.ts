import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Debian's ffmpeg, as the API finds it on PATH (scripts/system-packages.sh installs it for the tests). */
export function realFfmpeg(): string {
  return execFileSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).trim();
}

export interface TestVideo {
  seconds: number;
  size: string;
  /** `libx264` (what Egress writes) unless another encoder is asked for. */
  encoder?: string;
  /** Index (moov) first; Egress writes it at the end, as ffmpeg does by default. */
  faststart?: boolean;
}

/** An MP4 made once with ffmpeg's test pattern at test time (never committed), cached in `file`. */
export function testVideo(file: string, video: TestVideo): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const encoder = video.encoder ?? 'libx264';
    execFileSync(realFfmpeg(), [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=duration=${video.seconds}:size=${video.size}:rate=25`],
      ...['-c:v', encoder, ...(encoder === 'libx264' ? ['-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] : [])],
      ...(video.faststart ? ['-movflags', '+faststart'] : []),
      file,
    ]);
  }
  return readFileSync(file);
}

/**
 * An executable shell script given to the API as FFMPEG_PATH. The API hands ffmpeg no environment but PATH (and the
 * tests give it none), so the script sets its own.
 */
export function writeFfmpegWrapper(file: string, body: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\nPATH=/usr/bin:/bin\n${body}\n`);
  chmodSync(file, 0o755);
}

/** Width and height from a JPEG's start-of-frame marker: proves a real, decodable-shaped JPEG came back. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  if (jpeg.subarray(0, 2).toString('hex') !== 'ffd8') throw new Error('not a JPEG');
  let offset = 2;
  while (offset < jpeg.length) {
    const marker = jpeg.readUInt16BE(offset);
    const length = jpeg.readUInt16BE(offset + 2);
    if (marker >= 0xffc0 && marker <= 0xffc2) return { height: jpeg.readUInt16BE(offset + 5), width: jpeg.readUInt16BE(offset + 7) };
    offset += 2 + length;
  }
  throw new Error('no start-of-frame marker');
}
