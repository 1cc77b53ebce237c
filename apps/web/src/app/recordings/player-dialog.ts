import { Recording } from '@recording/contracts';

import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';

import { errorText } from '../core/api-error';
import { formatDuration } from '../core/format';
import { ModalDialog } from '../core/modal-dialog';
import { RecordingSources } from '../core/recording-sources';

/**
 * Plays one recording in a modal `<dialog>`: focus moves to it on open and back to what had it on close;
 * Escape, the Close button and a click on the backdrop close it. Rendered only while open. In direct playback the
 * source is a short-lived storage URL: when it fails (it expired during a long recording), the player asks for a
 * new one once and resumes where it was.
 */
@Component({
  selector: 'app-player-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  templateUrl: './player-dialog.html',
  styleUrl: './player-dialog.css',
})
export class PlayerDialog {
  private readonly sources = inject(RecordingSources);
  readonly recording = input.required<Recording>();
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');
  private readonly closeButton = viewChild.required<ElementRef<HTMLButtonElement>>('closeButton');
  private readonly modal = new ModalDialog(
    this.dialog,
    () => this.closeButton().nativeElement,
    () => {
      this.stopVideo();
      this.closed.emit();
    },
  );
  /** Set while a new source replaces one that failed; a second failure then is final. */
  private renewing = false;
  protected readonly playbackFailed = signal(false);
  protected readonly downloadError = signal<string | undefined>(undefined);

  protected readonly src = signal<string | undefined>(undefined);
  protected readonly iso = computed(() => new Date(this.recording().startedAt).toISOString());
  protected readonly formatDuration = formatDuration;
  protected readonly downloadUrl = computed(() => this.sources.downloadHref(this.recording().name));

  constructor() {
    effect(() => {
      const name = this.recording().name;
      untracked(() => void this.loadSource(name));
    });
  }

  close(): void {
    this.modal.close();
  }

  protected async onVideoError(): Promise<void> {
    const video = this.video()?.nativeElement;
    if (!video || !this.sources.direct() || this.renewing) {
      this.playbackFailed.set(true);
      return;
    }
    this.renewing = true;
    this.sources.resumeOnNewSource(video);
    await this.loadSource(this.recording().name);
  }

  /** The new source played: a later failure (the next expiry) may renew it again. */
  protected onVideoLoaded(): void {
    this.renewing = false;
  }

  protected async download(event: Event): Promise<void> {
    this.downloadError.set(undefined);
    try {
      await this.sources.downloadDirectly(event, this.recording().name);
    } catch (error) {
      this.downloadError.set(`Could not download: ${errorText(error)}`);
    }
  }

  private async loadSource(name: string): Promise<void> {
    const source = this.sources.playbackSource(name);
    try {
      this.src.set(typeof source === 'string' ? source : await source);
    } catch {
      this.playbackFailed.set(true);
    }
  }

  protected onCancel(event: Event): void {
    this.modal.cancel(event);
  }

  protected onBackdropClick(event: MouseEvent): void {
    this.modal.backdropClick(event);
  }

  /** Stops the Range requests at once instead of when the element is garbage collected. */
  private stopVideo(): void {
    const video = this.video()?.nativeElement;
    if (!video) return;
    video.pause();
    video.removeAttribute('src');
    video.load();
  }
}
