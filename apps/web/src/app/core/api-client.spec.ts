import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { ApiClient } from './api-client';
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';

describe('ApiClient', () => {
  let api: ApiClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ApiClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it.each([
    ['RoomComposite-Test Room-2026-11-23T101500-RM_a.mp4', '/recordings/RoomComposite-Test%20Room-2026-11-23T101500-RM_a.mp4'],
    ["RoomComposite-Tom's #1?-2026-11-23T101500-RM_a.mp4", "/recordings/RoomComposite-Tom's%20%231%3F-2026-11-23T101500-RM_a.mp4"],
    ['RoomComposite-a/../b-2026-11-23T101500-RM_a.mp4', '/recordings/RoomComposite-a%2F..%2Fb-2026-11-23T101500-RM_a.mp4'],
  ])('encodes %j in the recording URL', (name, path) => {
    expect(api.recordingUrl(name)).toBe(path);
    expect(api.recordingUrl(name, { download: true })).toBe(`${path}?download=1`);
  });

  it('starts a recording with its layout and sound-only choice, and switches the layout of a running one', async () => {
    const recording = {
      name: 'RoomComposite-A-2026-11-23T101500-RM_a.mp4',
      roomName: 'A',
      roomId: 'RM_a',
      startedAt: 1,
      status: 'starting',
    };
    const started = api.startRecording('A', { layout: 'speaker', audioOnly: true });
    const start = http.expectOne('/recordings/start');
    expect(start.request.method).toBe('POST');
    expect(start.request.body).toEqual({ roomName: 'A', layout: 'speaker', audioOnly: true });
    start.flush({ message: 'Recording started', recording: { ...recording, layout: 'speaker', audioOnly: true } });
    await expect(started).resolves.toMatchObject({ recording: { layout: 'speaker', audioOnly: true } });

    const changed = api.changeRecordingLayout('A', 'single-speaker');
    const change = http.expectOne('/recordings/layout');
    expect(change.request.method).toBe('POST');
    expect(change.request.body).toEqual({ roomName: 'A', layout: 'single-speaker' });
    change.flush({ errorMessage: 'Recording not started for this room' }, { status: 409, statusText: 'Conflict' });
    await expect(changed).rejects.toMatchObject({ status: 409, message: 'Recording not started for this room' });
  });

  it('creates and revokes share links of a recording', async () => {
    const created = api.createShareLink('RoomComposite-A b-2026-11-23T101500-RM_a.mp4', 60);
    const post = http.expectOne('/recordings/RoomComposite-A%20b-2026-11-23T101500-RM_a.mp4/share');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ expiresInMinutes: 60 });
    post.flush({ url: 'http://x/watch/t', expiresAt: 1 });
    await expect(created).resolves.toEqual({ url: 'http://x/watch/t', expiresAt: 1 });

    const revoked = api.revokeShareLinks('RoomComposite-A b-2026-11-23T101500-RM_a.mp4');
    const remove = http.expectOne('/recordings/RoomComposite-A%20b-2026-11-23T101500-RM_a.mp4/share');
    expect(remove.request.method).toBe('DELETE');
    remove.flush({ message: 'Share links revoked' });
    await expect(revoked).resolves.toBeUndefined();
  });

  it('checks a share link with HEAD: 404 means it no longer plays, other errors are errors', async () => {
    const valid = api.checkShareLink('tok_en-1');
    const head = http.expectOne('/shared/tok_en-1');
    expect(head.request.method).toBe('HEAD');
    head.flush('');
    await expect(valid).resolves.toBe(true);

    const gone = api.checkShareLink('tok_en-1');
    http.expectOne(() => true).flush('', { status: 404, statusText: 'Not Found' });
    await expect(gone).resolves.toBe(false);

    const down = api.checkShareLink('tok_en-1');
    http.expectOne(() => true).flush('', { status: 503, statusText: 'Unavailable' });
    await expect(down).rejects.toMatchObject({ status: 503 });
  });

  it('signs in as operator and out, without keeping the token', async () => {
    const signedIn = api.signInOperator('operator-secret-0123');
    const post = http.expectOne('/auth/operator');
    expect(post.request.body).toEqual({ secret: 'operator-secret-0123' });
    post.flush({ token: 'operator-token', expiresAt: 1 });
    await expect(signedIn).resolves.toBeUndefined();
    const signedOut = api.signOut();
    http.expectOne('/auth/logout').flush({ message: 'Signed out' });
    await expect(signedOut).resolves.toBeUndefined();
    expect(JSON.stringify(localStorage)).not.toContain('operator-token');
  });

  it('sends the list filters as encoded query parameters and leaves out empty ones', async () => {
    const answer = api.listRecordings({ roomName: 'Sala de reunión', maxItems: 20, pageToken: 'a+b/c=', roomId: undefined });
    const request = http.expectOne((r) => r.url === '/recordings');
    expect(request.request.urlWithParams).toBe('/recordings?roomName=Sala%20de%20reuni%C3%B3n&maxItems=20&pageToken=a%2Bb%2Fc%3D');
    request.flush({ recordings: [], nextPageToken: 'next' });
    await expect(answer).resolves.toEqual({ recordings: [], nextPageToken: 'next' });
  });

  it('posts the token request', async () => {
    const answer = api.createToken({ roomName: 'Test Room', participantName: 'Alice' });
    const request = http.expectOne('/token');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ roomName: 'Test Room', participantName: 'Alice' });
    request.flush({ token: 'jwt' });
    await expect(answer).resolves.toEqual({ token: 'jwt' });
  });

  it("rejects with the API's errorMessage and status", async () => {
    const answer = api.startRecording('Test Room');
    http
      .expectOne('/recordings/start')
      .flush({ errorMessage: 'Recording already started for this room' }, { status: 409, statusText: 'Conflict' });
    await expect(answer).rejects.toEqual(new ApiError('Recording already started for this room', 409));
    await answer.catch((error: ApiError) => expect(error.status).toBe(409));
  });

  it('explains a network failure in plain words', async () => {
    const answer = api.getConfig();
    http.expectOne('/config').error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await expect(answer).rejects.toMatchObject({ message: NETWORK_ERROR_MESSAGE, status: 0 });
  });

  it('falls back to the status when the body is not the API error shape (e.g. a proxy page)', async () => {
    const answer = api.stopRecording('Test Room');
    http.expectOne('/recordings/stop').flush('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    await expect(answer).rejects.toMatchObject({ status: 502, message: expect.stringContaining('HTTP 502') });
  });

  it('deletes with the encoded name', async () => {
    const answer = api.deleteRecording("RoomComposite-Tom's #1-2026-11-23T101500-RM_a.mp4");
    const request = http.expectOne("/recordings/RoomComposite-Tom's%20%231-2026-11-23T101500-RM_a.mp4");
    expect(request.request.method).toBe('DELETE');
    request.flush({ message: 'Recording deleted' });
    await expect(answer).resolves.toBe('deleted');
  });

  it('treats 404 on delete as already gone', async () => {
    const answer = api.deleteRecording('RoomComposite-a-2026-11-23T101500-RM_a.mp4');
    http
      .expectOne('/recordings/RoomComposite-a-2026-11-23T101500-RM_a.mp4')
      .flush({ errorMessage: 'Recording not found' }, { status: 404, statusText: 'Not Found' });
    await expect(answer).resolves.toBe('already-gone');
  });

  it('rejects a delete of a recording still being written', async () => {
    const answer = api.deleteRecording('RoomComposite-a-2026-11-23T101500-RM_a.mp4');
    http
      .expectOne('/recordings/RoomComposite-a-2026-11-23T101500-RM_a.mp4')
      .flush({ errorMessage: 'The recording is still being written' }, { status: 409, statusText: 'Conflict' });
    await expect(answer).rejects.toMatchObject({ status: 409, message: 'The recording is still being written' });
  });
});
