import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { AppConfig } from './app-config';

describe('AppConfig', () => {
  let config: AppConfig;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    config = TestBed.inject(AppConfig);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads the LiveKit URL from GET /config', async () => {
    const loaded = config.load();
    http.expectOne('/config').flush({ livekitUrl: 'wss://livekit.example.org' });
    await loaded;
    expect(config.livekitUrl()).toBe('wss://livekit.example.org');
    await expect(config.requireLivekitUrl()).resolves.toBe('wss://livekit.example.org');
  });

  it('reads how recordings play (proxy until the configuration says direct)', async () => {
    expect(config.recordingsPlayback()).toBe('proxy');
    const loaded = config.load();
    http.expectOne('/config').flush({ livekitUrl: 'ws://lk', recordingsPlayback: 'direct' });
    await loaded;
    expect(config.recordingsPlayback()).toBe('direct');
  });

  it('does not fail start-up when the API is down, and asks again when the URL is needed', async () => {
    const loaded = config.load();
    http.expectOne('/config').error(new ProgressEvent('error'), { status: 0 });
    await expect(loaded).resolves.toBeUndefined();
    expect(config.loadError()).toContain('Could not reach the server');

    const required = config.requireLivekitUrl();
    await Promise.resolve();
    http.expectOne('/config').flush({ livekitUrl: 'ws://localhost:7880' });
    await expect(required).resolves.toBe('ws://localhost:7880');
    expect(config.loadError()).toBeUndefined();
  });
});
