import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

import type { AttachableTrack } from '../room/call-session';
import { AttachTrack } from './attach-track.directive';
import { initialsOf, StageParticipant } from './stage-layout';

/** Colours of the camera-off cards, picked by identity so a person keeps theirs for the whole recording. */
const CARD_HUES = [212, 262, 328, 14, 36, 152, 188, 236];

/** One person on the recording: their camera (or a card with their initials when it is off), their name, a muted mark. */
@Component({
  selector: 'app-stage-tile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AttachTrack],
  templateUrl: './stage-tile.html',
  styleUrl: './stage-tile.css',
  host: { '[class.contain]': "fit() === 'contain'", '[class.speaking]': 'highlight() && participant().speaking' },
})
export class StageTile {
  readonly participant = input.required<StageParticipant>();
  /** `cover` fills a grid or strip tile; `contain` shows the whole picture of the one large tile. */
  readonly fit = input<'cover' | 'contain'>('cover');
  /** Ring the tile while its person speaks (not on a single-speaker stage, where it would always be on). */
  readonly highlight = input(true);
  /** The camera drew its first frame. */
  readonly videoRendered = output<AttachableTrack>();

  protected readonly initials = computed(() => initialsOf(this.participant().name));
  protected readonly hue = computed(() => CARD_HUES[hashOf(this.participant().identity) % CARD_HUES.length]);
}

function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash;
}
