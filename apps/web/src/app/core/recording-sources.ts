import { computed, inject, Injectable } from '@angular/core';

import { ApiClient } from './api-client';
import { AppConfig } from './app-config';

/**
 * Where the SPA plays and downloads a recording from: through the API (`proxy`), or, with RECORDINGS_PLAYBACK=direct
 * (GET /config), straight from storage through short-lived read-only URLs the API hands out, so the API leaves the
 * data path.
 */
@Injectable({ providedIn: 'root' })
export class RecordingSources {
  private readonly api = inject(ApiClient);
  private readonly config = inject(AppConfig);

  readonly direct = computed(() => this.config.recordingsPlayback() === 'direct');

  /**
   * The `<video>` source: the API's URL at once, or in direct mode a storage URL asked for now, a new one on every
   * call (ask again when one expired: PLAYBACK_URL_TTL).
   */
  playbackSource(name: string): string | Promise<string> {
    if (!this.direct()) return this.api.recordingUrl(name);
    return this.api.playbackUrl(name).then(({ url }) => url);
  }

  /**
   * After a failure in direct playback (the URL expired during a long recording): once the caller has set the
   * new source, the video resumes where it was.
   */
  resumeOnNewSource(video: HTMLVideoElement): void {
    const resumeAt = video.currentTime;
    video.addEventListener(
      'loadedmetadata',
      () => {
        video.currentTime = resumeAt;
        void video.play().catch(() => undefined);
      },
      { once: true },
    );
  }

  /** A Download link's href: the API names the file. In direct mode its click goes through {@link downloadDirectly}. */
  downloadHref(name: string): string {
    return this.api.recordingUrl(name, { download: true });
  }

  /**
   * A Download link's click: nothing to do through the API (the link downloads); in direct mode the file comes from
   * storage instead, through a URL that names it as an attachment. Rejects when that URL cannot be had.
   */
  async downloadDirectly(event: Event, name: string): Promise<void> {
    if (!this.direct()) return;
    event.preventDefault();
    const { url } = await this.api.playbackUrl(name, { download: true });
    const link = document.createElement('a');
    link.href = url;
    link.rel = 'noopener';
    link.click();
  }
}
