import { Injectable } from '@nestjs/common';

import { FfmpegRunError, FfmpegRunner } from './ffmpeg-runner.service';
import { AAC_AUDIO_RECORDING, H264_VIDEO_RECORDING } from './media-input';

export interface FrameRequest {
  /** Where ffmpeg reads the video; over HTTP(S) it seeks with ranged requests instead of reading the whole file. */
  url: string;
  /** Seconds into the video. */
  atSeconds: number;
  maxWidth: number;
  /** The longest the caller lets the frame take (its URL must stay valid that long); runs have their own limit too. */
  timeoutMs: number;
}

/** ffmpeg could not give a frame: the file is damaged, not an H.264 MP4, or made ffmpeg run past its time limit. */
export class FrameUnavailableError extends Error {}

/** One JPEG frame of a recording (an MP4 with H.264 video), at most `maxWidth` wide, made by {@link FfmpegRunner}. */
@Injectable()
export class FrameGrabber {
  constructor(private readonly ffmpeg: FfmpegRunner) {}

  /** The frame at `atSeconds`, or the first frame of a video shorter than that. */
  async jpegFrame(request: FrameRequest): Promise<Buffer> {
    const deadline = Date.now() + request.timeoutMs;
    const frame = await this.grab(request, request.atSeconds, deadline);
    return frame.length > 0 || request.atSeconds === 0 ? nonEmpty(frame) : nonEmpty(await this.grab(request, 0, deadline));
  }

  /**
   * A picture of a sound-only recording: its whole waveform, `maxWidth` wide and 16:9, in the app's accent colour on
   * a dark ground, so its card and player look like the others.
   */
  async waveform(request: Omit<FrameRequest, 'atSeconds'>): Promise<Buffer> {
    const height = Math.round((request.maxWidth * 9) / 16 / 2) * 2;
    try {
      return nonEmpty(
        await this.ffmpeg.run({
          source: request.url,
          input: AAC_AUDIO_RECORDING,
          seekSeconds: 0,
          graph:
            `aformat=channel_layouts=mono,showwavespic=s=${request.maxWidth}x${height}:colors=0x5b8def:scale=sqrt[wave];` +
            `color=c=0x10141c:s=${request.maxWidth}x${height}:d=1[ground];[ground][wave]overlay=format=auto,format=yuvj420p`,
          output: ['-frames:v', '1', '-q:v', '4', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'],
          deadline: Date.now() + request.timeoutMs,
        }),
      );
    } catch (error) {
      if (error instanceof FfmpegRunError) throw new FrameUnavailableError(error.message, { cause: error });
      throw error;
    }
  }

  private async grab(request: FrameRequest, atSeconds: number, deadline: number): Promise<Buffer> {
    try {
      return await this.ffmpeg.run({
        source: request.url,
        input: H264_VIDEO_RECORDING,
        seekSeconds: atSeconds,
        output: [
          ...['-frames:v', '1', '-vf', `scale='min(${request.maxWidth},iw)':-2`, '-q:v', '4'],
          ...['-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'],
        ],
        deadline,
      });
    } catch (error) {
      if (error instanceof FfmpegRunError) throw new FrameUnavailableError(error.message, { cause: error });
      throw error;
    }
  }
}

function nonEmpty(frame: Buffer): Buffer {
  if (frame.length === 0) throw new FrameUnavailableError('ffmpeg found no video frame');
  return frame;
}
