import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';

import { AppConfig } from '../config/app-config';
import { UpstreamUnavailableError } from '../errors/domain-errors';
import { withoutUrlSecrets } from '../logging/http-logger';
import { inputArguments, MediaInput } from './media-input';
import { MEDIA_LIMITS, MediaLimits } from './media-limits';
import { NoFreeSlotError, RunSlots } from './run-slots';

/** Far more than any picture this server asks for: output past it is not what was asked. */
const MAX_OUTPUT_BYTES = 5 * 1024 * 1024;
const MAX_ERROR_CHARS = 2_000;
/** Every run: no banner, never a read from the terminal, only errors on stderr. */
const GLOBAL_ARGUMENTS = ['-hide_banner', '-nostdin', '-loglevel', 'error'];
const INSTALL_HINT = "install Debian's ffmpeg (apt-get install -y --no-install-recommends ffmpeg) or set FFMPEG_PATH";

export interface FfmpegRun {
  /** The one input: a blob URL (read-only SAS) over http(s). */
  source: string;
  input: MediaInput;
  seekSeconds: number;
  /** A filter that makes the input's one stream into the output's (see {@link inputArguments}). */
  graph?: string;
  /** Output options and the output, `pipe:1` (stdout is what the run answers). */
  output: string[];
  /** Epoch ms: the run is killed by then even when the time limit would allow more (the source URL expires). */
  deadline: number;
}

/** ffmpeg ran and failed, was stopped at its time limit, or wrote too much: the input is not what it should be. */
export class FfmpegRunError extends Error {}

/**
 * The one door to ffmpeg (Debian's package, found on PATH, or FFMPEG_PATH): each run reads one blob URL with the
 * hardened input of {@link inputArguments}, gets no environment but PATH (no secret of this process), holds one of
 * the process's {@link MediaLimits.maxConcurrentRuns} slots while its process is alive, and is killed at its time
 * limit. Runs still alive at shutdown are killed.
 */
@Injectable()
export class FfmpegRunner implements OnApplicationShutdown {
  private readonly slots: RunSlots;
  private readonly alive = new Set<ChildProcess>();

  constructor(
    private readonly config: AppConfig,
    @Inject(MEDIA_LIMITS) private readonly limits: MediaLimits,
  ) {
    this.slots = new RunSlots(limits.maxConcurrentRuns);
  }

  /** What the run wrote to stdout. Rejects with FfmpegRunError, or UpstreamUnavailableError when busy or missing. */
  async run(run: FfmpegRun): Promise<Buffer> {
    const args = [...GLOBAL_ARGUMENTS, ...inputArguments(run.source, run.input, run.seekSeconds, run.graph), ...run.output];
    const waitMs = Math.max(0, Math.min(this.limits.slotWaitMs, run.deadline - Date.now()));
    try {
      return await this.slots.run(() => this.spawnOnce(args, run.deadline), waitMs);
    } catch (error) {
      if (error instanceof NoFreeSlotError) {
        throw new UpstreamUnavailableError('ffmpeg', 'Too many posters are being made at once; try again in a moment', { cause: error });
      }
      throw error;
    }
  }

  onApplicationShutdown(): void {
    for (const child of this.alive) child.kill('SIGKILL');
  }

  /** Settles only once the process is gone, so a slot is never free while its ffmpeg still lives. */
  private spawnOnce(args: string[], deadline: number): Promise<Buffer> {
    const limitMs = Math.max(0, Math.min(this.limits.runTimeoutMs, deadline - Date.now()));
    const ffmpeg = this.config.ffmpeg;
    return new Promise((resolve, reject) => {
      const child = spawn(ffmpeg.path, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: ffmpeg.searchPath === undefined ? {} : { PATH: ffmpeg.searchPath },
      });
      this.alive.add(child);
      const chunks: Buffer[] = [];
      let bytes = 0;
      let errors = '';
      let stopped: string | undefined;
      const stop = (reason: string) => {
        stopped ??= reason;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => stop(`ffmpeg was stopped at its time limit of ${limitMs} ms`), limitMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_OUTPUT_BYTES) stop(`ffmpeg wrote more than ${MAX_OUTPUT_BYTES} bytes`);
        else chunks.push(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        if (errors.length < MAX_ERROR_CHARS) errors += chunk.toString();
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        if (child.pid !== undefined) return stop(`ffmpeg failed: ${error.message}`);
        clearTimeout(timer);
        this.alive.delete(child);
        reject(
          new UpstreamUnavailableError('ffmpeg', `Posters need ffmpeg, which this server does not have: ${INSTALL_HINT}`, {
            cause: new Error(`${ffmpeg.path} could not be started: ${error.code ?? error.message}`),
          }),
        );
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        this.alive.delete(child);
        if (stopped) reject(new FfmpegRunError(stopped));
        else if (code === 0) resolve(Buffer.concat(chunks));
        else reject(new FfmpegRunError(describeFailure(code, errors)));
      });
    });
  }
}

function describeFailure(code: number | null, errors: string): string {
  // ffmpeg quotes its input in errors: the URL's SAS signature must not reach a log.
  const reason = withoutUrlSecrets(errors.trim().split('\n').slice(-3).join(' ')).slice(0, 500);
  return `ffmpeg failed (exit ${code ?? 'killed'})${reason ? `: ${reason}` : ''}`;
}
