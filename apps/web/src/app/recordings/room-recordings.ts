import { Recording } from '@recording/contracts';

import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';

import { ApiClient } from '../core/api-client';
import { errorText } from '../core/api-error';
import { LatestRequest } from '../core/latest-request';
import { LiveRecording } from './live-recording';
import { RecordingList } from './recording-list';

/**
 * The recordings of one room session (`GET /recordings?roomId=`), reloaded whenever `refresh` changes, with the
 * room's current recording (`live`) as an entry at the top until its file lands as a card.
 */
@Component({
  selector: 'app-room-recordings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RecordingList],
  templateUrl: './room-recordings.html',
  styleUrl: './room-recordings.css',
})
export class RoomRecordings {
  private readonly api = inject(ApiClient);

  /** The room SID `RM_…`; undefined until LiveKit has told it. */
  readonly roomId = input<string | undefined>();
  readonly refresh = input(0);
  readonly live = input<LiveRecording | undefined>();

  protected readonly recordings = signal<readonly Recording[]>([]);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  private readonly latest = new LatestRequest();

  constructor() {
    effect(() => {
      const roomId = this.roomId();
      this.refresh();
      if (roomId) untracked(() => void this.load(roomId));
    });
  }

  protected reload(): void {
    const roomId = this.roomId();
    if (roomId) void this.load(roomId);
  }

  protected remove(name: string): void {
    this.recordings.update((recordings) => recordings.filter((recording) => recording.name !== name));
  }

  private async load(roomId: string): Promise<void> {
    const isLatest = this.latest.begin();
    this.loading.set(true);
    try {
      const { recordings } = await this.api.listRecordings({ roomId });
      if (!isLatest()) return;
      this.recordings.set(recordings);
      this.error.set(undefined);
      this.loaded.set(true);
    } catch (error) {
      if (isLatest()) this.error.set(errorText(error));
    } finally {
      if (isLatest()) this.loading.set(false);
    }
  }
}
