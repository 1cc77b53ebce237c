import { RecordingsPlayback } from '@recording/contracts';

import { inject, Injectable, signal } from '@angular/core';

import { ApiClient } from './api-client';
import { errorText } from './api-error';

/** The runtime configuration served by `GET /config`, read once at start-up (no rebuild per deployment). */
@Injectable({ providedIn: 'root' })
export class AppConfig {
  private readonly api = inject(ApiClient);
  private readonly url = signal<string | undefined>(undefined);
  private readonly failure = signal<string | undefined>(undefined);
  private readonly playback = signal<RecordingsPlayback>('proxy');

  /** WebSocket URL of the LiveKit server browsers connect to. */
  readonly livekitUrl = this.url.asReadonly();
  /** Whether recordings play through the API (`proxy`, also until the configuration is read) or straight from storage. */
  readonly recordingsPlayback = this.playback.asReadonly();
  /** Why the configuration could not be read, when it could not. */
  readonly loadError = this.failure.asReadonly();

  /** Never rejects, so a down API still lets the app start and explain itself. */
  async load(): Promise<void> {
    try {
      const { livekitUrl, recordingsPlayback } = await this.api.getConfig();
      this.url.set(livekitUrl);
      this.playback.set(recordingsPlayback === 'direct' ? 'direct' : 'proxy');
      this.failure.set(undefined);
    } catch (error) {
      this.failure.set(errorText(error));
    }
  }

  /** The LiveKit URL, reading the configuration again if start-up could not. */
  async requireLivekitUrl(): Promise<string> {
    if (!this.url()) await this.load();
    const url = this.url();
    if (!url) {
      throw new Error(`Could not read the server configuration (GET /config): ${this.failure() ?? 'no LiveKit URL'}`);
    }
    return url;
  }
}
