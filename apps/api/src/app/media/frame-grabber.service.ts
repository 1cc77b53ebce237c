import { Injectable } from '@nestjs/common';
import { spawn } from 'node:child_process';

import { AppConfig } from '../config/app-config';
import { withoutUrlSecrets } from '../logging/http-logger';

/** A poster is a few tens of kilobytes; anything far bigger is not the frame asked for. */
const MAX_FRAME_BYTES = 5 * 1024 * 1024;
const MAX_ERROR_CHARS = 2_000;

export interface FrameRequest {
  /** Where ffmpeg reads the video; over HTTP(S) it seeks with ranged requests instead of reading the whole file. */
  url: string;
  /** Seconds into the video. */
  atSeconds: number;
  maxWidth: number;
  timeoutMs: number;
}

/** ffmpeg could not give a frame: the file is damaged, unreadable, or not a video. */
export class FrameUnavailableError extends Error {}

/**
 * The one door to ffmpeg (the binary of `@ffmpeg-installer/ffmpeg`, from the npm registry, unless FFMPEG_PATH
 * names another): one JPEG frame of a video, at most `maxWidth` wide. Holds no state.
 */
@Injectable()
export class FrameGrabber {
  private readonly ffmpeg: string;

  constructor(config: AppConfig) {
    this.ffmpeg = config.ffmpegPath;
  }

  /** The frame at `atSeconds`, or the first frame of a video shorter than that. */
  async jpegFrame(request: FrameRequest): Promise<Buffer> {
    const frame = await this.grab(request, request.atSeconds);
    return frame.length > 0 || request.atSeconds === 0 ? nonEmpty(frame) : nonEmpty(await this.grab(request, 0));
  }

  private grab(request: FrameRequest, atSeconds: number): Promise<Buffer> {
    const args = [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
      // Before -i: a fast seek through the container's index (a ranged read), not decoding from the start.
      ...['-ss', String(atSeconds), '-i', request.url],
      ...['-frames:v', '1', '-an', '-sn', '-vf', `scale='min(${request.maxWidth},iw)':-2`, '-q:v', '4'],
      ...['-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'],
    ];
    return new Promise((resolve, reject) => {
      const child = spawn(this.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let bytes = 0;
      let errors = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new FrameUnavailableError(`ffmpeg gave no frame within ${request.timeoutMs} ms`));
      }, request.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_FRAME_BYTES) child.kill('SIGKILL');
        else chunks.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (errors.length < MAX_ERROR_CHARS) errors += chunk.toString();
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new FrameUnavailableError(`ffmpeg could not be started (${this.ffmpeg}): ${error.message}`));
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        if (code === 0 && bytes <= MAX_FRAME_BYTES) resolve(Buffer.concat(chunks));
        else reject(new FrameUnavailableError(describeFailure(code, errors)));
      });
    });
  }
}

function nonEmpty(frame: Buffer): Buffer {
  if (frame.length === 0) throw new FrameUnavailableError('ffmpeg found no video frame');
  return frame;
}

function describeFailure(code: number | null, errors: string): string {
  // ffmpeg quotes its input in errors: the URL's SAS signature must not reach a log.
  const reason = withoutUrlSecrets(errors.trim().split('\n').slice(-3).join(' ')).slice(0, 500);
  return `ffmpeg failed (exit ${code ?? 'killed'})${reason ? `: ${reason}` : ''}`;
}
