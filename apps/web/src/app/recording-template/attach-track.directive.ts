import { Directive, effect, ElementRef, inject, input } from '@angular/core';

import type { AttachableTrack } from '../room/call-session';

/** Plays a LiveKit track in this `<video>` or `<audio>` while it is bound here (livekit-client's attach/detach). */
@Directive({ selector: 'video[appAttachTrack], audio[appAttachTrack]' })
export class AttachTrack {
  readonly track = input.required<AttachableTrack>({ alias: 'appAttachTrack' });
  private readonly element: HTMLMediaElement = inject<ElementRef<HTMLMediaElement>>(ElementRef).nativeElement;

  constructor() {
    effect((onCleanup) => {
      const track = this.track();
      track.attach(this.element);
      onCleanup(() => track.detach(this.element));
    });
  }
}
