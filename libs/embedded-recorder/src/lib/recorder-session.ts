import { Page } from 'playwright-core';
import { EventEmitter } from 'node:events';

import { FfmpegCapture } from './ffmpeg-capture';
import { finalizeRecording, RecordedFile } from './mp4-finalize';
import { PAGE_CAPTURE_SCRIPT, PageCaptureOptions, PageCaptureStarted } from './page-capture-script';
import { ProcessUsage, processUsage } from './process-tree';
import { wireRecordedPage } from './recorded-page';
import { browserProcesses, closeRecorderBrowser, launchRecorderBrowser, RecorderBrowser } from './recorder-browser';
import {
  RecorderActive,
  RecorderComplete,
  RecorderFailed,
  RecorderLogger,
  RecorderMeta,
  RecorderOutcome,
  RecorderState,
} from './recorder-types';
import { RecorderVideo } from './recorder-video';
import { SessionFiles, SessionRecord } from './session-files';
import { settleWithin } from './settle-within';
import { redactUrls, urlForLogs } from './url-redaction';

export interface SessionSettings {
  chromiumPath: string;
  ffmpegPath: string;
  video: RecorderVideo;
  startTimeoutMs: number;
  stallTimeoutMs: number;
  videoBitsPerSecond: number;
  logger: RecorderLogger;
}

interface SessionEvents {
  state: [RecorderState];
  active: [RecorderActive];
  ended: [RecorderComplete];
  failed: [RecorderFailed];
}

const AUDIO_BITS_PER_SECOND = 128_000;
const TIMESLICE_MS = 500;
const KEY_FRAME_INTERVAL_MS = 2_000;
const MAX_PAGE_ERRORS_LOGGED = 20;
const CAPTURE_START_TIMEOUT_MS = 15_000;
const CAPTURE_SETTLE_MS = 1_200;

/**
 * One recording: a headless Chromium on the page, the page's tab captured by MediaRecorder, its chunks piped
 * into ffmpeg, the finished MP4 in the session folder. States: starting → active (the capture runs: time zero of
 * the file) → ending → complete | failed. Everything that can go wrong (no START_RECORDING in time, page or browser crash,
 * ffmpeg exit, no media for a while) ends it as failed with a reason, keeping what was captured.
 */
export class RecorderSession extends EventEmitter<SessionEvents> {
  /** Settles once the recording is complete or failed; never rejects. */
  readonly done: Promise<RecorderOutcome>;
  private currentState: RecorderState = 'starting';
  private browser?: RecorderBrowser;
  private launching?: Promise<RecorderBrowser>;
  private steps?: Promise<void>;
  private ffmpeg?: FfmpegCapture;
  private startedAt?: number;
  /** The tab capture being prepared while the page joins (see prepareCapture). */
  private preparing?: Promise<true>;
  /** When stop() was called, if it ended the recording. */
  private stopAskedAt?: number;
  private readonly createdAt = Date.now();
  private nextChunk = 0;
  private lastMediaAt = 0;
  private pageErrors = 0;
  private endRequest?: { reason?: string };
  private readonly endSignal: Promise<void>;
  private signalEnd!: () => void;
  private startSignal!: () => void;
  private readonly startLogged = new Promise<void>((resolve) => (this.startSignal = resolve));

  constructor(
    readonly id: string,
    readonly meta: RecorderMeta,
    readonly audioOnly: boolean,
    private readonly pageUrl: string,
    private readonly files: SessionFiles,
    private readonly settings: SessionSettings,
  ) {
    super();
    this.endSignal = new Promise((resolve) => (this.signalEnd = resolve));
    this.done = this.run().catch((error) => this.failedOutcome(`the recorder broke: ${this.describe(error)}`));
  }

  get state(): RecorderState {
    return this.currentState;
  }

  /**
   * Ends the recording and finalizes it; resolves with the outcome (at once when it has already ended). The file
   * ends where the stop was asked: what the page still hands over while it stops is left out, as anyone pressing
   * Stop expects.
   */
  stop(): Promise<RecorderOutcome> {
    if (!this.endRequest) this.stopAskedAt = Date.now();
    this.requestEnd();
    return this.done;
  }

  /** Chromium's processes (the whole tree) and ffmpeg, for CPU and memory figures. */
  processIds(): { chromium: number[]; ffmpeg?: number } {
    return { chromium: browserProcesses(this.files.profile, this.browser?.rootPid), ffmpeg: this.ffmpeg?.pid };
  }

  /** CPU time and memory used so far by Chromium's process tree plus ffmpeg (from /proc). */
  usage(): ProcessUsage {
    const { chromium, ffmpeg } = this.processIds();
    return processUsage(ffmpeg === undefined ? chromium : [...chromium, ffmpeg]);
  }

  private requestEnd(reason?: string): void {
    if (this.endRequest) {
      if (reason && this.currentState !== 'ending') this.settings.logger.warn(`Recording ${this.id}: also ${this.redact(reason)}`);
      return;
    }
    this.endRequest = { reason };
    this.signalEnd();
  }

  private async run(): Promise<RecorderOutcome> {
    await this.files.create(this.record());
    this.settings.logger.log(`Recording ${this.id}: opening ${urlForLogs(this.pageUrl)}`);
    // Opening and starting run until they are done or the recording ends, whichever comes first: a stop
    // never waits for a slow page.
    this.steps = this.openPage().then(() => (this.endRequest ? undefined : this.startCapture()));
    this.steps.catch((error) => this.requestEnd(this.describe(error)));
    await this.endSignal;
    return this.finish();
  }

  private async openPage(): Promise<void> {
    this.launching = launchRecorderBrowser(this.settings.chromiumPath, this.files.profile, this.settings.video);
    this.browser = await this.launching;
    const page = await wireRecordedPage(this.browser, {
      startRecording: () => this.startSignal(),
      endRecording: () => this.requestEnd(),
      failure: (reason) => this.requestEnd(reason),
      chunk: (seq, data) => this.onChunk(seq, data),
      pageError: (error) => {
        if (++this.pageErrors <= MAX_PAGE_ERRORS_LOGGED)
          this.settings.logger.warn(`Recording ${this.id}: page error: ${this.describe(error)}`);
      },
    });
    const timeout = setTimeout(
      () => this.requestEnd(`the page did not log START_RECORDING within ${this.settings.startTimeoutMs / 1000} s`),
      this.settings.startTimeoutMs,
    );
    void this.endSignal.then(() => clearTimeout(timeout));
    void this.startLogged.then(() => clearTimeout(timeout));
    await page.goto(this.pageUrl, { waitUntil: 'commit', timeout: this.settings.startTimeoutMs });
    // The tab capture starts (recording nothing yet) while the page joins, so it has settled by START_RECORDING.
    this.preparing = this.prepareCapture(page);
    this.preparing.catch(() => undefined);
    await Promise.race([this.startLogged, this.endSignal]);
  }

  private async prepareCapture(page: Page): Promise<true> {
    await page.waitForLoadState('domcontentloaded', { timeout: this.settings.startTimeoutMs });
    await page.evaluate(PAGE_CAPTURE_SCRIPT);
    await page.evaluate(`window.__embeddedRecorder.prepare(${JSON.stringify(this.captureOptions())})`);
    return true;
  }

  private captureOptions(): PageCaptureOptions {
    return {
      ...this.settings.video,
      audioOnly: this.audioOnly,
      timesliceMs: TIMESLICE_MS,
      videoBitsPerSecond: this.settings.videoBitsPerSecond,
      audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
      keyFrameIntervalMs: KEY_FRAME_INTERVAL_MS,
      keepFramesFlowing: true,
      // Tab capture's frame timing is irregular for its first second, until it locks onto the frame keeper.
      settleMs: this.audioOnly ? 0 : CAPTURE_SETTLE_MS,
    };
  }

  private async startCapture(): Promise<void> {
    const page = this.browser?.context.pages()[0];
    if (!page) throw new Error('the recorded page is gone');
    if (!this.preparing) throw new Error('the tab capture was never prepared');
    // A capture that could not be prepared says why here.
    const prepared = await settleWithin(this.preparing, CAPTURE_START_TIMEOUT_MS);
    if (!prepared) throw new Error(`the tab capture did not start within ${CAPTURE_START_TIMEOUT_MS / 1000} s`);
    if (this.endRequest) return;
    this.ffmpeg = new FfmpegCapture({
      ffmpegPath: this.settings.ffmpegPath,
      output: this.files.capture,
      audioOnly: this.audioOnly,
      audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
    });
    void this.ffmpeg.exited.then(({ code, signal, log }) => {
      if (this.currentState === 'starting' || this.currentState === 'active') {
        this.requestEnd(`ffmpeg exited while recording (${signal ?? `exit code ${code}`})${log ? `: ${log}` : ''}`);
      }
    });
    const capturing = page.evaluate('window.__embeddedRecorder.start()') as Promise<PageCaptureStarted>;
    const started = await settleWithin(capturing, CAPTURE_START_TIMEOUT_MS);
    if (!started) throw new Error(`the tab capture did not start within ${CAPTURE_START_TIMEOUT_MS / 1000} s`);
    this.startedAt = started.startedAt;
    this.lastMediaAt = Date.now();
    this.watchForStalls();
    this.settings.logger.log(
      `Recording ${this.id}: capturing ${started.mimeType} ${JSON.stringify({ video: started.video, audio: started.audio })}`,
    );
    // Active now, not at the first chunk: the file holds everything from here on, and people in the room must know it
    // is recording from then (under load the first chunk arrives seconds later). No media for a while fails it anyway.
    if (this.currentState === 'starting' && !this.endRequest) {
      this.setState('active');
      void this.saveRecord({});
      this.notify('active', { id: this.id, startedAt: this.startedAt });
    }
  }

  private onChunk(seq: number, data: string): void {
    if (this.endRequest && !this.ffmpeg) return;
    if (seq !== this.nextChunk) return this.requestEnd(`media chunk ${this.nextChunk} never arrived from the page (got ${seq})`);
    this.nextChunk++;
    try {
      this.ffmpeg?.write(Buffer.from(data, 'base64'));
    } catch (error) {
      return this.requestEnd(this.describe(error));
    }
    this.lastMediaAt = Date.now();
  }

  private watchForStalls(): void {
    const timer = setInterval(() => {
      const silentMs = Date.now() - this.lastMediaAt;
      if (silentMs > this.settings.stallTimeoutMs) this.requestEnd(`no media from the page for ${Math.round(silentMs / 1000)} s`);
    }, 1_000);
    void this.endSignal.then(() => clearInterval(timer));
  }

  private async finish(): Promise<RecorderOutcome> {
    let reason = this.endRequest?.reason;
    this.setState('ending');
    const captured = this.startedAt !== undefined;
    const page = this.browser?.context.pages()[0];
    if (captured && page && !reason) {
      // The page's recorder hands over its last chunk before the browser goes.
      await settleWithin(page.evaluate('window.__embeddedRecorder.stop()'), 5_000).catch((error) =>
        this.settings.logger.warn(`Recording ${this.id}: the page did not stop its recorder cleanly: ${this.describe(error)}`),
      );
    }
    // Closing the browser also ends whatever opening or starting step is still pending.
    const browser = this.browser ?? (await settleWithin(this.launching ?? Promise.resolve(undefined), 35_000).catch(() => undefined));
    if (browser) await closeRecorderBrowser(browser, this.files.profile);
    await settleWithin(this.steps ?? Promise.resolve(), 10_000).catch(() => undefined);
    const ffmpegExit = await this.ffmpeg?.finish(30_000);
    if (!reason && !captured) reason = 'stopped before recording started (the page had not logged START_RECORDING)';
    if (!reason && ffmpegExit && ffmpegExit.code !== 0) {
      reason = `ffmpeg failed (${ffmpegExit.signal ?? `exit code ${ffmpegExit.code}`})${ffmpegExit.log ? `: ${ffmpegExit.log}` : ''}`;
    }
    const askedLengthMs = this.stopAskedAt !== undefined && this.startedAt !== undefined ? this.stopAskedAt - this.startedAt : undefined;
    const file = captured
      ? await finalizeRecording(this.settings.ffmpegPath, this.files.capture, this.files.output, askedLengthMs)
      : undefined;
    await Promise.all([this.files.removeCapture(), this.files.removeProfile()]);
    if (!reason && !file) reason = 'nothing playable was captured';
    return reason ? this.failedOutcome(reason, file) : this.completeOutcome(file as RecordedFile);
  }

  private async completeOutcome(file: RecordedFile): Promise<RecorderOutcome> {
    const outcome: RecorderComplete = {
      id: this.id,
      state: 'complete',
      meta: this.meta,
      file,
      startedAt: this.startedAt as number,
      endedAt: Date.now(),
    };
    this.setState('complete');
    await this.saveRecord({ endedAt: outcome.endedAt, file });
    this.settings.logger.log(`Recording ${this.id}: complete, ${file.durationMs} ms, ${file.sizeBytes} bytes`);
    this.notify('ended', outcome);
    return outcome;
  }

  private async failedOutcome(rawReason: string, file?: RecordedFile): Promise<RecorderOutcome> {
    const reason = this.redact(rawReason);
    const outcome: RecorderFailed = {
      id: this.id,
      state: 'failed',
      meta: this.meta,
      reason,
      file,
      startedAt: this.startedAt,
      endedAt: Date.now(),
    };
    this.setState('failed');
    await this.saveRecord({ endedAt: outcome.endedAt, reason, file });
    this.settings.logger.warn(`Recording ${this.id}: failed: ${reason}${file ? ` (kept ${file.durationMs} ms)` : ''}`);
    this.notify('failed', outcome);
    return outcome;
  }

  private setState(state: RecorderState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.notify('state', state);
  }

  /** Emits to the caller's listeners; one that throws is logged and cannot change the recording's course. */
  private notify<E extends keyof SessionEvents>(event: E, ...payload: SessionEvents[E]): void {
    try {
      (this.emit as (event: E, ...args: SessionEvents[E]) => boolean)(event, ...payload);
    } catch (error) {
      this.settings.logger.error(`Recording ${this.id}: a '${event}' listener threw: ${this.describe(error)}`);
    }
  }

  /** The sidecar with the outcome (a disk error is logged: the outcome still reaches the caller). */
  private async saveRecord(outcome: Partial<SessionRecord>): Promise<void> {
    await this.files
      .write({ ...this.record(), ...outcome })
      .catch((error) => this.settings.logger.warn(`Recording ${this.id}: could not update its sidecar: ${this.describe(error)}`));
  }

  private record(): SessionRecord {
    return {
      id: this.id,
      meta: this.meta,
      audioOnly: this.audioOnly,
      video: this.settings.video,
      state: this.currentState,
      createdAt: this.createdAt,
      startedAt: this.startedAt,
    };
  }

  private describe(error: unknown): string {
    return this.redact(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }

  private redact(text: string): string {
    return redactUrls(text, this.pageUrl);
  }
}
