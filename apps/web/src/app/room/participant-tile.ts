import { afterRenderEffect, ChangeDetectionStrategy, Component, computed, ElementRef, input, viewChild } from '@angular/core';

import { AttachableTrack, CallParticipant } from './call-session';

/** One participant: camera video (or their initial), name, microphone state, and their audio. */
@Component({
  selector: 'app-participant-tile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './participant-tile.html',
  styleUrl: './participant-tile.css',
})
export class ParticipantTile {
  readonly participant = input.required<CallParticipant>();

  private readonly videoElement = viewChild<ElementRef<HTMLVideoElement>>('video');
  private readonly audioElement = viewChild<ElementRef<HTMLAudioElement>>('audio');
  // Track identity, not the participant snapshot, decides when to re-attach (no flicker on every update).
  private readonly videoTrack = computed(() => this.participant().video);
  private readonly audioTrack = computed(() => this.participant().audio);

  protected readonly initial = computed(() => [...this.participant().name.trim()][0]?.toUpperCase() ?? '?');
  protected readonly label = computed(() => {
    const { name, isLocal } = this.participant();
    return isLocal ? `${name} (you)` : name;
  });

  constructor() {
    afterRenderEffect((onCleanup) => attachWhilePresent(this.videoTrack(), this.videoElement(), onCleanup));
    afterRenderEffect((onCleanup) => attachWhilePresent(this.audioTrack(), this.audioElement(), onCleanup));
  }
}

function attachWhilePresent(
  track: AttachableTrack | undefined,
  element: ElementRef<HTMLMediaElement> | undefined,
  onCleanup: (cleanup: () => void) => void,
): void {
  if (!track || !element) return;
  track.attach(element.nativeElement);
  onCleanup(() => track.detach(element.nativeElement));
}
