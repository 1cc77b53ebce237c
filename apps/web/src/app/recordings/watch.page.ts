import { SHARE_LINK_INVALID_MESSAGE, sharedPosterPathOf, sharedRecordingPathOf } from '@recording/contracts';

import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import { ApiClient } from '../core/api-client';
import { errorText } from '../core/api-error';

type WatchState = 'checking' | 'ready' | 'invalid' | 'error';

/**
 * `/watch/<token>`: the page of a share link. The token is opaque: the page knows no recording name and no room,
 * and plays, shows and downloads through `/shared/<token>` alone (always through the API), whose answers name
 * neither. An expired, revoked or foreign link says so. The token never leaves this page's address and its requests
 * (the server sends no Referer and never logs it).
 */
@Component({
  selector: 'app-watch-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './watch.page.html',
  styleUrl: './watch.page.css',
})
export class WatchPage implements OnInit {
  private readonly api = inject(ApiClient);

  readonly token = input.required<string>();

  protected readonly invalidMessage = SHARE_LINK_INVALID_MESSAGE;
  protected readonly state = signal<WatchState>('checking');
  protected readonly error = signal<string | undefined>(undefined);
  protected readonly playbackFailed = signal(false);
  protected readonly src = computed(() => sharedRecordingPathOf(this.token()));
  protected readonly posterUrl = computed(() => sharedPosterPathOf(this.token()));
  protected readonly downloadUrl = computed(() => `${sharedRecordingPathOf(this.token())}?download=1`);

  ngOnInit(): void {
    void this.check();
  }

  protected async check(): Promise<void> {
    this.state.set('checking');
    try {
      this.state.set((await this.api.checkShareLink(this.token())) ? 'ready' : 'invalid');
    } catch (error) {
      this.error.set(errorText(error));
      this.state.set('error');
    }
  }
}
