import {
  ConfigResponse,
  ListRecordingsQuery,
  ListRecordingsResponse,
  StartRecordingResponse,
  StopRecordingResponse,
  TokenRequest,
  TokenResponse,
} from '@recording/contracts';

import { HttpClient, HttpParameterCodec, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom, Observable } from 'rxjs';

import { ApiError, toApiError } from './api-error';

/** What `deleteRecording` found: the API deleted it, or it was already gone (404). */
export type DeleteOutcome = 'deleted' | 'already-gone';

/** The path of one recording: the name is always percent-encoded (names hold spaces, `#`, `?`, `'`…). */
export function recordingPath(name: string): string {
  return `/recordings/${encodeURIComponent(name)}`;
}

/** The one place the SPA talks to the recording API. Every failure is an {@link ApiError}. */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  getConfig(): Promise<ConfigResponse> {
    return this.send(this.http.get<ConfigResponse>('/config'));
  }

  createToken(request: TokenRequest): Promise<TokenResponse> {
    return this.send(this.http.post<TokenResponse>('/token', request));
  }

  startRecording(roomName: string): Promise<StartRecordingResponse> {
    return this.send(this.http.post<StartRecordingResponse>('/recordings/start', { roomName }));
  }

  stopRecording(roomName: string): Promise<StopRecordingResponse> {
    return this.send(this.http.post<StopRecordingResponse>('/recordings/stop', { roomName }));
  }

  listRecordings(query: ListRecordingsQuery = {}): Promise<ListRecordingsResponse> {
    let params = new HttpParams({ encoder: STRICT_ENCODER });
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.send(this.http.get<ListRecordingsResponse>('/recordings', { params }));
  }

  /** Deletes a recording; a 404 means someone else already did, which is what the caller wanted. */
  async deleteRecording(name: string): Promise<DeleteOutcome> {
    try {
      await this.send(this.http.delete(recordingPath(name)));
      return 'deleted';
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return 'already-gone';
      throw error;
    }
  }

  /** Where `<video>` streams the recording from (Range requests), or where `<a download>` fetches it. */
  recordingUrl(name: string, options: { download?: boolean } = {}): string {
    return options.download ? `${recordingPath(name)}?download=1` : recordingPath(name);
  }

  private async send<T>(request: Observable<T>): Promise<T> {
    try {
      return await firstValueFrom(request);
    } catch (error) {
      throw toApiError(error);
    }
  }
}

/** Angular's default codec leaves `+ = ? / ; :` raw in query values; page tokens may hold them. */
const STRICT_ENCODER: HttpParameterCodec = {
  encodeKey: encodeURIComponent,
  encodeValue: encodeURIComponent,
  decodeKey: decodeURIComponent,
  decodeValue: decodeURIComponent,
};
