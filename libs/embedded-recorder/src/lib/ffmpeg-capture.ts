import { ChildProcess, spawn } from 'node:child_process';

/** More than this waiting for ffmpeg means it no longer keeps up: the recording fails instead of filling memory. */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;
const STDERR_LINES_KEPT = 12;

export interface FfmpegCaptureOptions {
  ffmpegPath: string;
  /** The fragmented MP4 being written (crash-safe: every completed fragment stays readable). */
  output: string;
  audioOnly: boolean;
  audioBitsPerSecond: number;
}

/**
 * The live ffmpeg of one recording: MediaRecorder's stream (WebM or MP4) arrives on stdin, the H.264 is copied,
 * Opus becomes AAC at 48 kHz, and the result is a fragmented MP4 with a fragment a second, so a crash of any
 * process loses at most the last second. `exited` settles once ffmpeg is gone, with its code and the end of its
 * log (the reason when it failed).
 */
export class FfmpegCapture {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; log: string }>;
  private readonly child: ChildProcess;
  private readonly logLines: string[] = [];
  private inputClosed = false;

  constructor(options: FfmpegCaptureOptions) {
    this.child = spawn(options.ffmpegPath, ffmpegCaptureArgs(options), { stdio: ['pipe', 'ignore', 'pipe'] });
    // A write after ffmpeg died is answered by `exited`; an EPIPE here must not crash the process.
    this.child.stdin?.on('error', () => undefined);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        this.logLines.push(line.trim().slice(0, 300));
        if (this.logLines.length > STDERR_LINES_KEPT) this.logLines.shift();
      }
    });
    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.logLines.push(`could not run ${options.ffmpegPath}: ${error.message}`);
        resolve({ code: null, signal: null, log: this.log() });
      });
      this.child.on('close', (code, signal) => resolve({ code, signal, log: this.log() }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Hands a chunk to ffmpeg; throws when ffmpeg has fallen too far behind. */
  write(chunk: Buffer): void {
    const stdin = this.child.stdin;
    if (this.inputClosed || !stdin || stdin.destroyed) return;
    if (stdin.writableLength + chunk.length > MAX_PENDING_BYTES) {
      throw new Error(`ffmpeg fell more than ${MAX_PENDING_BYTES >> 20} MiB behind the capture`);
    }
    stdin.write(chunk);
  }

  /** Ends the input: ffmpeg writes its last fragment and exits. */
  async finish(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; log: string }> {
    this.inputClosed = true;
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private log(): string {
    return this.logLines.join(' | ');
  }
}

/**
 * Chromium's tab capture stores limited-range video converted with the BT.601 matrix (a test card's red comes
 * out Y 82, Cb 91, Cr 239) but tags it BT.709, so players that trust the tag tint every colour. The copy is
 * re-tagged to what the samples are: BT.601 (SMPTE 170M) matrix, BT.709 primaries and transfer, limited range,
 * in the H.264 bitstream and in the MP4's `colr` box alike. No pixel is re-encoded.
 */
const COLOUR_TAGS = [
  '-bsf:v',
  'h264_metadata=video_full_range_flag=0:colour_primaries=1:transfer_characteristics=1:matrix_coefficients=6',
  '-color_range',
  'tv',
  '-color_primaries',
  'bt709',
  '-color_trc',
  'bt709',
  '-colorspace',
  'smpte170m',
];

/**
 * Input: a short probe (MediaRecorder's stream declares its codecs up front), else ffmpeg would read seconds of it
 * before writing anything. Output: a fragment per second, each flushed to disk at once (`-flush_packets`), so
 * a crash loses at most about a second.
 */
export function ffmpegCaptureArgs(options: FfmpegCaptureOptions): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-analyzeduration',
    '200000',
    '-probesize',
    '32768',
    '-i',
    'pipe:0',
    ...(options.audioOnly ? [] : ['-map', '0:v:0', '-c:v', 'copy', '-video_track_timescale', '90000', ...COLOUR_TAGS]),
    '-map',
    '0:a:0',
    '-c:a',
    'aac',
    '-b:a',
    String(options.audioBitsPerSecond),
    '-ar',
    '48000',
    '-movflags',
    'empty_moov+default_base_moof',
    '-frag_duration',
    '1000000',
    '-flush_packets',
    '1',
    '-f',
    'mp4',
    '-y',
    options.output,
  ];
}
