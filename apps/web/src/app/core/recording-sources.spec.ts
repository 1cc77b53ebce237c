import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { AppConfig } from './app-config';
import { RecordingSources } from './recording-sources';

const NAME = 'RoomComposite-Room #1-2026-11-23T101500-RM_a.mp4';
const PATH = `/recordings/${encodeURIComponent(NAME)}`;

describe('RecordingSources', () => {
  let sources: RecordingSources;
  let http: HttpTestingController;

  async function configure(recordingsPlayback: 'proxy' | 'direct'): Promise<void> {
    const loaded = TestBed.inject(AppConfig).load();
    http.expectOne('/config').flush({ livekitUrl: 'ws://lk', recordingsPlayback });
    await loaded;
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    sources = TestBed.inject(RecordingSources);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('plays and downloads through the API in proxy mode', async () => {
    await configure('proxy');
    expect(sources.playbackSource(NAME)).toBe(PATH);
    expect(sources.downloadHref(NAME)).toBe(`${PATH}?download=1`);
    const click = new MouseEvent('click', { cancelable: true });
    await sources.downloadDirectly(click, NAME);
    expect(click.defaultPrevented).toBe(false);
  });

  it('plays from a new storage URL on every call in direct mode', async () => {
    await configure('direct');
    const first = sources.playbackSource(NAME);
    const request = http.expectOne((candidate) => candidate.url === `${PATH}/url`);
    expect(request.request.params.has('download')).toBe(false);
    request.flush({ url: 'https://storage.example/a?sig=1', expiresAt: 1 });
    await expect(first).resolves.toBe('https://storage.example/a?sig=1');
    const second = sources.playbackSource(NAME);
    http.expectOne(`${PATH}/url`).flush({ url: 'https://storage.example/a?sig=2', expiresAt: 2 });
    await expect(second).resolves.toBe('https://storage.example/a?sig=2');
  });

  it('downloads from storage in direct mode, and says so when no URL can be had', async () => {
    await configure('direct');
    const followed: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      followed.push(this.href);
    });
    const event = new MouseEvent('click', { cancelable: true });
    const done = sources.downloadDirectly(event, NAME);
    expect(event.defaultPrevented).toBe(true);
    http
      .expectOne((candidate) => candidate.url === `${PATH}/url` && candidate.params.get('download') === '1')
      .flush({
        url: 'https://storage.example/a?rscd=attachment',
        expiresAt: 1,
      });
    await done;
    expect(followed).toEqual(['https://storage.example/a?rscd=attachment']);

    const failed = sources.downloadDirectly(new MouseEvent('click', { cancelable: true }), NAME);
    http.expectOne(() => true).flush({ errorMessage: 'Recording not found' }, { status: 404, statusText: 'Not Found' });
    await expect(failed).rejects.toThrow('Recording not found');
    expect(followed).toHaveLength(1);
    click.mockRestore();
  });
});
