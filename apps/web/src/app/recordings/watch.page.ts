import { parseRecordingName, posterPathOf, readShareToken, SHARE_LINK_INVALID_MESSAGE } from '@recording/contracts';

import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import { ApiClient } from '../core/api-client';
import { errorText } from '../core/api-error';
import { RecordingSources } from '../core/recording-sources';

type WatchState = 'checking' | 'ready' | 'invalid' | 'error';

/**
 * `/watch/<token>`: the page of a share link. Plays that one recording through `?share=<token>` (no credential,
 * no cookie needed); an expired, revoked or foreign link says so. The token never leaves this page's address and
 * its requests (the server sends no Referer and never logs it).
 */
@Component({
  selector: 'app-watch-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink],
  templateUrl: './watch.page.html',
  styleUrl: './watch.page.css',
})
export class WatchPage implements OnInit {
  private readonly api = inject(ApiClient);
  private readonly sources = inject(RecordingSources);
  /** Set while a new direct-playback URL replaces one that failed; a second failure then is final. */
  private renewing = false;

  readonly token = input.required<string>();

  protected readonly invalidMessage = SHARE_LINK_INVALID_MESSAGE;
  protected readonly state = signal<WatchState>('checking');
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly playbackFailed = signal(false);
  protected readonly downloadError = signal<string | undefined>(undefined);
  protected readonly shared = computed(() => {
    const claims = readShareToken(this.token());
    const parts = claims && parseRecordingName(claims.recordingName);
    return claims && parts ? { ...claims, ...parts } : undefined;
  });
  protected readonly src = signal<string | undefined>(undefined);
  protected readonly posterUrl = computed(() => {
    const shared = this.shared();
    return shared ? `${posterPathOf(shared.recordingName)}?share=${encodeURIComponent(this.token())}` : '';
  });
  protected readonly downloadUrl = computed(() => {
    const shared = this.shared();
    return shared ? this.sources.downloadHref(shared.recordingName, this.token()) : '';
  });

  protected async onVideoError(video: HTMLVideoElement): Promise<void> {
    const shared = this.shared();
    if (!shared || !this.sources.direct() || this.renewing) {
      this.playbackFailed.set(true);
      return;
    }
    this.renewing = true;
    this.sources.resumeOnNewSource(video);
    await this.loadSource(shared.recordingName);
  }

  /** The new source played: a later failure (the next expiry) may renew it again. */
  protected onVideoLoaded(): void {
    this.renewing = false;
  }

  protected async download(event: Event): Promise<void> {
    const shared = this.shared();
    if (!shared) return;
    this.downloadError.set(undefined);
    try {
      await this.sources.downloadDirectly(event, shared.recordingName, this.token());
    } catch (error) {
      this.downloadError.set(`Could not download: ${errorText(error)}`);
    }
  }

  protected iso(epochMs: number): string {
    return new Date(epochMs).toISOString();
  }

  ngOnInit(): void {
    void this.check();
  }

  protected async check(): Promise<void> {
    const shared = this.shared();
    if (!shared || shared.expiresAt <= Date.now()) {
      this.state.set('invalid');
      return;
    }
    this.state.set('checking');
    try {
      const valid = await this.api.checkShareLink(shared.recordingName, this.token());
      if (valid) await this.loadSource(shared.recordingName);
      this.state.set(valid ? 'ready' : 'invalid');
    } catch (error) {
      this.error.set(errorText(error));
      this.state.set('error');
    }
  }

  private async loadSource(name: string): Promise<void> {
    const source = this.sources.playbackSource(name, this.token());
    try {
      this.src.set(typeof source === 'string' ? source : await source);
    } catch {
      this.playbackFailed.set(true);
    }
  }
}
