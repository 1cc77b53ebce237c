import { isValidRoomName, Recording } from '@recording/contracts';

import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { ApiClient } from '../core/api-client';
import { ApiError, errorText } from '../core/api-error';
import { LatestRequest } from '../core/latest-request';
import { AccessPanel } from './access-panel';
import { RecordingList } from './recording-list';

export const PAGE_SIZE = 20;

/**
 * The recordings this browser may see (the rooms it joined; every room for the operator), newest first, filtered by
 * exact room name, one page at a time (`/recordings.html`).
 */
@Component({
  selector: 'app-all-recordings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessPanel, RecordingList, RouterLink],
  templateUrl: './all-recordings.page.html',
  styleUrl: './all-recordings.page.css',
})
export class AllRecordingsPage implements OnInit {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);

  /** `?roomName=` keeps the filter in the address, so it can be shared and survives a reload. */
  readonly roomName = input<string>();

  protected readonly filterText = signal('');
  protected readonly filterTouched = signal(false);
  protected readonly activeFilter = signal<string | undefined>(undefined);
  protected readonly recordings = signal<readonly Recording[]>([]);
  protected readonly nextPageToken = signal<string | undefined>(undefined);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  /** The API answered 401: this browser holds no credential yet (the access panel says how to get one). */
  protected readonly noCredential = signal(false);
  protected readonly error = signal<string | undefined>(undefined);
  /** The error was about "Load more", so what is shown stays. */
  protected readonly pageError = signal(false);
  private readonly latest = new LatestRequest();

  protected readonly filterError = computed(() => {
    const value = this.filterText();
    if (value === '' || isValidRoomName(value)) return undefined;
    return 'A room name has at most 100 letters, digits, spaces, hyphens (-), underscores (_) or dots (.), and no space at the start or end.';
  });

  ngOnInit(): void {
    const roomName = this.roomName();
    if (roomName && isValidRoomName(roomName)) {
      this.filterText.set(roomName);
      this.activeFilter.set(roomName);
    }
    void this.loadFirstPage();
  }

  protected updateFilter(event: Event): void {
    this.filterText.set((event.target as HTMLInputElement).value);
  }

  protected applyFilter(event: Event): void {
    event.preventDefault();
    this.filterTouched.set(true);
    if (this.filterError()) {
      (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    this.setFilter(this.filterText() || undefined);
  }

  protected clearFilter(): void {
    this.filterText.set('');
    this.filterTouched.set(false);
    this.setFilter(undefined);
  }

  protected retry(): void {
    if (this.pageError()) void this.loadMore();
    else void this.loadFirstPage();
  }

  protected remove(name: string): void {
    this.recordings.update((recordings) => recordings.filter((recording) => recording.name !== name));
  }

  protected async loadMore(): Promise<void> {
    const pageToken = this.nextPageToken();
    if (!pageToken || this.loading()) return;
    await this.load(pageToken);
  }

  protected loadFirstPage(): Promise<void> {
    return this.load(undefined);
  }

  private setFilter(roomName: string | undefined): void {
    this.activeFilter.set(roomName);
    void this.router.navigate([], { queryParams: { roomName }, replaceUrl: true });
    void this.loadFirstPage();
  }

  private async load(pageToken: string | undefined): Promise<void> {
    const isLatest = this.latest.begin();
    this.loading.set(true);
    this.error.set(undefined);
    this.pageError.set(false);
    if (!pageToken) {
      this.recordings.set([]);
      this.nextPageToken.set(undefined);
      this.loaded.set(false);
    }
    try {
      const page = await this.api.listRecordings({ roomName: this.activeFilter(), maxItems: PAGE_SIZE, pageToken });
      if (!isLatest()) return;
      this.noCredential.set(false);
      const known = new Set(this.recordings().map((recording) => recording.name));
      this.recordings.update((recordings) => [...recordings, ...page.recordings.filter((r) => !known.has(r.name))]);
      this.nextPageToken.set(page.nextPageToken || undefined);
      this.loaded.set(true);
    } catch (error) {
      if (!isLatest()) return;
      if (error instanceof ApiError && error.status === 401 && !pageToken) {
        this.noCredential.set(true);
        this.loaded.set(true);
        return;
      }
      this.error.set(errorText(error));
      this.pageError.set(!!pageToken);
    } finally {
      if (isLatest()) this.loading.set(false);
    }
  }
}
