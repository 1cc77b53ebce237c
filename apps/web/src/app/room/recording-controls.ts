import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal } from '@angular/core';

import { formatClock } from '../core/format';
import { isTransient } from './recording-state';
import { RecordingStateService } from './recording-state.service';

/** How often the elapsed time of a recording moves on. */
const CLOCK_TICK_MS = 1_000;

/** The recording bar (state, red banner with the elapsed time while recording, Start/Stop) and what happened last. */
@Component({
  selector: 'app-recording-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './recording-controls.html',
  styleUrl: './recording-controls.css',
})
export class RecordingControls {
  protected readonly recording = inject(RecordingStateService);
  private readonly now = signal(Date.now());

  protected readonly buttonLabel = computed(() => {
    switch (this.recording.phase()) {
      case 'idle':
        return 'Start recording';
      case 'starting':
        return 'Starting…';
      case 'recording':
        return 'Stop recording';
      case 'stopping':
        return 'Stopping…';
    }
  });

  protected readonly busy = computed(() => isTransient(this.recording.phase()));

  protected readonly bannerText = computed(() => {
    switch (this.recording.phase()) {
      case 'recording':
        return 'Recording';
      case 'starting':
        return 'Starting the recording…';
      case 'stopping':
        return this.recording.saving() ? 'Saving recording…' : 'Stopping the recording…';
      case 'idle':
        return 'Not recording';
    }
  });

  /** While recording: how long (`01:05`, when its start is known) and who started it (when the API said). */
  protected readonly detail = computed(() => {
    if (this.recording.phase() !== 'recording') return undefined;
    const startedAt = this.recording.startedAt();
    const startedBy = this.recording.startedBy();
    // Never negative: the browser's clock and the server's differ.
    const parts = [
      startedAt === undefined ? undefined : formatClock(Math.max(0, this.now() - startedAt) / 1000),
      startedBy && `started by ${startedBy}`,
    ];
    return parts.filter((part) => part).join(' · ') || undefined;
  });

  constructor() {
    let ticker: ReturnType<typeof setInterval> | undefined;
    const stopTicking = () => {
      clearInterval(ticker);
      ticker = undefined;
    };
    effect(() => {
      const ticking = this.recording.phase() === 'recording' && this.recording.startedAt() !== undefined;
      if (ticking && ticker === undefined) {
        this.now.set(Date.now());
        ticker = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
      } else if (!ticking) {
        stopTicking();
      }
    });
    inject(DestroyRef).onDestroy(stopTicking);
  }

  protected toggle(): void {
    if (this.recording.phase() === 'idle') void this.recording.start();
    else if (this.recording.phase() === 'recording') void this.recording.stop();
  }
}
