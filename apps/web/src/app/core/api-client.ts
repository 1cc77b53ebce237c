import {
  ChangeLayoutRequest,
  ChangeLayoutResponse,
  ConfigResponse,
  CreateShareResponse,
  ListRecordingsQuery,
  ListRecordingsResponse,
  LogoutResponse,
  OperatorSignInResponse,
  PlaybackUrlResponse,
  RecordingLayout,
  RevokeSharesResponse,
  SessionResponse,
  sharedRecordingPathOf,
  StartRecordingRequest,
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

  startRecording(roomName: string, options: Omit<StartRecordingRequest, 'roomName'> = {}): Promise<StartRecordingResponse> {
    const body: StartRecordingRequest = { roomName, ...options };
    return this.send(this.http.post<StartRecordingResponse>('/recordings/start', body));
  }

  /** Switches the room's running recording to another layout. */
  changeRecordingLayout(roomName: string, layout: RecordingLayout): Promise<ChangeLayoutResponse> {
    const body: ChangeLayoutRequest = { roomName, layout };
    return this.send(this.http.post<ChangeLayoutResponse>('/recordings/layout', body));
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

  /** What this browser may reach: its cookies (rooms joined, operator), never a token kept in the page. */
  getSession(): Promise<SessionResponse> {
    return this.send(this.http.get<SessionResponse>('/auth/session'));
  }

  /** The server sets the HttpOnly recording_operator cookie; the token in the answer is not kept. */
  async signInOperator(secret: string): Promise<void> {
    await this.send(this.http.post<OperatorSignInResponse>('/auth/operator', { secret }));
  }

  /** Clears both cookies: the operator's and the rooms this browser joined. */
  async signOut(): Promise<void> {
    await this.send(this.http.post<LogoutResponse>('/auth/logout', {}));
  }

  createShareLink(name: string, expiresInMinutes: number): Promise<CreateShareResponse> {
    return this.send(this.http.post<CreateShareResponse>(`${recordingPath(name)}/share`, { expiresInMinutes }));
  }

  async revokeShareLinks(name: string): Promise<void> {
    await this.send(this.http.delete<RevokeSharesResponse>(`${recordingPath(name)}/share`));
  }

  /** Whether a share link still plays (HEAD: headers only); the API's 404 means expired, revoked or not ours. */
  async checkShareLink(token: string): Promise<boolean> {
    try {
      await this.send(this.http.head(sharedRecordingPathOf(token), { responseType: 'text' }));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return false;
      throw error;
    }
  }

  /** A short-lived read-only URL of the recording's blob in storage (direct playback); `download` names the file. */
  playbackUrl(name: string, options: { download?: boolean } = {}): Promise<PlaybackUrlResponse> {
    let params = new HttpParams({ encoder: STRICT_ENCODER });
    if (options.download) params = params.set('download', '1');
    return this.send(this.http.get<PlaybackUrlResponse>(`${recordingPath(name)}/url`, { params }));
  }

  /**
   * Where `<video>` streams the recording from (Range requests), or where `<a download>` fetches it; the browser's
   * cookies carry the access.
   */
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
