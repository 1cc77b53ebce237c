import { isRecordingLayout, RecordingLayout } from '@recording/contracts';

import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';

import { formatClock } from '../core/format';
import { isTransient } from './recording-state';
import { RecordingStateService } from './recording-state.service';

/** The layouts as people call them. */
export const LAYOUT_CHOICES: readonly { value: RecordingLayout; label: string }[] = [
  { value: 'grid', label: 'Grid' },
  { value: 'speaker', label: 'Speaker' },
  { value: 'single-speaker', label: 'Single speaker' },
];

/**
 * The recording bar (state, red banner with the elapsed time while recording, Start/Stop) and what happened last;
 * before a start, the layout and "Audio only"; while recording, a switch of the layout.
 */
@Component({
  selector: 'app-recording-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './recording-controls.html',
  styleUrl: './recording-controls.css',
})
export class RecordingControls {
  protected readonly recording = inject(RecordingStateService);

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
    const elapsed = this.recording.elapsedSeconds();
    const startedBy = this.recording.startedBy();
    const parts = [elapsed === undefined ? undefined : formatClock(elapsed), startedBy && `started by ${startedBy}`];
    return parts.filter((part) => part).join(' · ') || undefined;
  });

  protected readonly layouts = LAYOUT_CHOICES;

  protected chooseLayout(event: Event): void {
    const layout = (event.target as HTMLSelectElement).value;
    if (isRecordingLayout(layout)) this.recording.setOptions({ layout });
  }

  protected chooseAudioOnly(event: Event): void {
    this.recording.setOptions({ audioOnly: (event.target as HTMLInputElement).checked });
  }

  protected async switchLayout(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    if (isRecordingLayout(select.value)) await this.recording.changeLayout(select.value);
    // A refused switch would leave the list on what was picked: show what it really records in.
    select.value = this.recording.layout() ?? '';
  }

  protected toggle(): void {
    if (this.recording.phase() === 'idle') void this.recording.start();
    else if (this.recording.phase() === 'recording') void this.recording.stop();
  }
}
