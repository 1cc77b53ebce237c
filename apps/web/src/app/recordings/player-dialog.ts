import { Recording } from '@recording/contracts';

import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

import { ApiClient } from '../core/api-client';
import { formatDuration } from '../core/format';

/**
 * Plays one recording in a modal `<dialog>`: focus moves to it on open and back to what had it on close;
 * Escape, the Close button and a click on the backdrop close it. Rendered only while open.
 */
@Component({
  selector: 'app-player-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  templateUrl: './player-dialog.html',
  styleUrl: './player-dialog.css',
})
export class PlayerDialog {
  private readonly api = inject(ApiClient);
  readonly recording = input.required<Recording>();
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');
  private readonly closeButton = viewChild.required<ElementRef<HTMLButtonElement>>('closeButton');
  private readonly opener = document.activeElement as HTMLElement | null;
  private isOpen = false;
  protected readonly playbackFailed = signal(false);

  protected readonly src = computed(() => this.api.recordingUrl(this.recording().name));
  protected readonly iso = computed(() => new Date(this.recording().startedAt).toISOString());
  protected readonly formatDuration = formatDuration;
  protected readonly downloadUrl = computed(() => this.api.recordingUrl(this.recording().name, { download: true }));

  constructor() {
    afterNextRender(() => {
      this.dialog().nativeElement.showModal();
      this.isOpen = true;
      this.closeButton().nativeElement.focus();
    });
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    const video = this.video()?.nativeElement;
    if (video) {
      // Stops the Range requests at once instead of when the element is garbage collected.
      video.pause();
      video.removeAttribute('src');
      video.load();
    }
    const dialog = this.dialog().nativeElement;
    if (dialog.open) dialog.close();
    this.opener?.focus();
    this.closed.emit();
  }

  protected onCancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  protected onBackdropClick(event: MouseEvent): void {
    if (event.target === this.dialog().nativeElement) this.close();
  }
}
