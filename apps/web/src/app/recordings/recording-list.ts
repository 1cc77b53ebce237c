import { Recording, RecordingStatus } from '@recording/contracts';

import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChildren,
} from '@angular/core';

import { ApiClient } from '../core/api-client';
import { errorText } from '../core/api-error';
import { formatBytes, formatClock, formatDuration, isoDuration } from '../core/format';
import { RecordingSources } from '../core/recording-sources';
import { PlayerDialog } from './player-dialog';
import { ShareDialog } from './share-dialog';

const STATUS_LABELS: Partial<Record<RecordingStatus, string>> = {
  starting: 'Starting',
  active: 'Recording now',
  ending: 'Saving',
  failed: 'Failed',
  aborted: 'Aborted',
  limit_reached: 'Limit reached',
};

/**
 * Recordings as cards: poster (lazy; a placeholder when there is none or it cannot be made), duration on it, date,
 * size, and Play (dialog), Download, Share (dialog) and Delete (after confirmation; 404 counts as deleted).
 */
@Component({
  selector: 'app-recording-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, PlayerDialog, ShareDialog],
  templateUrl: './recording-list.html',
  styleUrl: './recording-list.css',
})
export class RecordingList {
  private readonly api = inject(ApiClient);
  private readonly sources = inject(RecordingSources);
  private readonly injector = inject(Injector);

  readonly recordings = input.required<readonly Recording[]>();
  readonly label = input('Recordings');
  /** A recording is gone from the server (deleted here, or it already was). */
  readonly deleted = output<string>();

  protected readonly playing = signal<Recording | undefined>(undefined);
  protected readonly sharing = signal<Recording | undefined>(undefined);
  protected readonly confirming = signal<string | undefined>(undefined);
  protected readonly deleting = signal<string | undefined>(undefined);
  protected readonly message = signal<{ kind: 'error' | 'info'; text: string } | undefined>(undefined);
  /** Recordings whose poster did not load (the server could not make one): they show the placeholder. */
  protected readonly posterFailed = signal<ReadonlySet<string>>(new Set());
  private readonly deleteButtons = viewChildren<ElementRef<HTMLButtonElement>>('deleteButton');
  private readonly cancelButtons = viewChildren<ElementRef<HTMLButtonElement>>('cancelButton');

  protected readonly formatBytes = formatBytes;
  protected readonly formatDuration = formatDuration;
  protected readonly formatClock = formatClock;
  protected readonly isoDuration = isoDuration;

  protected downloadUrl(recording: Recording): string {
    return this.sources.downloadHref(recording.name);
  }

  protected async download(event: Event, recording: Recording): Promise<void> {
    this.message.set(undefined);
    try {
      await this.sources.downloadDirectly(event, recording.name);
    } catch (error) {
      this.message.set({ kind: 'error', text: `Could not download ${recording.name}: ${errorText(error)}` });
    }
  }

  protected statusLabel(recording: Recording): string | undefined {
    return recording.status ? STATUS_LABELS[recording.status] : undefined;
  }

  protected iso(epochMs: number): string {
    return new Date(epochMs).toISOString();
  }

  protected posterUnavailable(name: string): void {
    this.posterFailed.update((failed) => new Set(failed).add(name));
  }

  protected play(recording: Recording): void {
    this.message.set(undefined);
    this.playing.set(recording);
  }

  protected share(recording: Recording): void {
    this.message.set(undefined);
    this.sharing.set(recording);
  }

  protected askToDelete(recording: Recording): void {
    this.message.set(undefined);
    this.confirming.set(recording.name);
    afterNextRender(() => this.cancelButtons()[0]?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelDelete(name: string): void {
    this.confirming.set(undefined);
    afterNextRender(
      () =>
        this.deleteButtons()
          .find((button) => button.nativeElement.dataset['name'] === name)
          ?.nativeElement.focus(),
      { injector: this.injector },
    );
  }

  protected async confirmDelete(recording: Recording): Promise<void> {
    this.deleting.set(recording.name);
    try {
      const outcome = await this.api.deleteRecording(recording.name);
      this.message.set({
        kind: 'info',
        text: outcome === 'deleted' ? `Deleted ${recording.name}.` : `${recording.name} was already deleted.`,
      });
      this.deleted.emit(recording.name);
    } catch (error) {
      this.message.set({ kind: 'error', text: `Could not delete ${recording.name}: ${errorText(error)}` });
    } finally {
      this.deleting.set(undefined);
      this.confirming.set(undefined);
    }
  }
}
