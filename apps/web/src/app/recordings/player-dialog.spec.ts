import { Recording } from '@recording/contracts';

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { AppConfig } from '../core/app-config';
import { recording } from '../testing/recordings';
import { PlayerDialog } from './player-dialog';

const NAME = "RoomComposite-Tom's #1?-2026-11-23T111500-RM_test1.mp4";

@Component({
  imports: [PlayerDialog],
  template: `
    <button type="button" id="opener" (click)="playing.set(recording)">Play</button>
    @if (playing(); as current) {
      <app-player-dialog [recording]="current" (closed)="playing.set(undefined)" />
    }
  `,
})
class Host {
  readonly recording = recording(NAME, { startedBy: 'Alice', stoppedBy: 'operator', duration: 151, posterUrl: '/poster.jpg' });
  readonly playing = signal<Recording | undefined>(undefined);
}

describe('PlayerDialog', () => {
  let fixture: ComponentFixture<Host>;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideHttpClient()] });
    fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    document.body.appendChild(fixture.nativeElement);
    const opener = element().querySelector<HTMLButtonElement>('#opener')!;
    opener.focus();
    opener.click();
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => (fixture.nativeElement as HTMLElement).remove());

  const element = () => fixture.nativeElement as HTMLElement;
  const dialog = () => element().querySelector('dialog');

  it("shows the recording's room, date, duration and who started and stopped it, and its poster before playback", () => {
    const meta = dialog()!.querySelector('#player-meta')!.textContent!.replace(/\s+/g, ' ');
    expect(meta).toContain("Tom's #1?");
    expect(meta).toContain('2 min 31 s');
    expect(meta).toContain('started by Alice');
    expect(meta).toContain('stopped by operator');
    expect(dialog()!.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-23T10:15:00.000Z');
    expect(dialog()!.querySelector('video')!.getAttribute('poster')).toBe('/poster.jpg');
  });

  it('opens modal, labelled by the recording name, with the focus inside', () => {
    expect(dialog()!.open).toBe(true);
    const title = document.getElementById(dialog()!.getAttribute('aria-labelledby')!)!;
    expect(title.textContent).toBe(NAME);
    expect(dialog()!.contains(document.activeElement)).toBe(true);
    expect(document.activeElement!.textContent!.trim()).toBe('Close');
  });

  it('streams the video from the encoded recording URL, with controls', () => {
    const video = dialog()!.querySelector('video')!;
    expect(video.getAttribute('src')).toBe("/recordings/RoomComposite-Tom's%20%231%3F-2026-11-23T111500-RM_test1.mp4");
    expect(video.hasAttribute('controls')).toBe(true);
    expect(dialog()!.querySelector('a[download]')!.getAttribute('href')).toBe(
      "/recordings/RoomComposite-Tom's%20%231%3F-2026-11-23T111500-RM_test1.mp4?download=1",
    );
  });

  it('closes on Escape, stops the video and gives the focus back to the opener', () => {
    const video = dialog()!.querySelector('video')!;
    dialog()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    fixture.detectChanges();
    expect(video.hasAttribute('src')).toBe(false);
    expect(dialog()).toBeNull();
    expect(document.activeElement!.id).toBe('opener');
  });

  it('says so when the video cannot be played', () => {
    expect(dialog()!.querySelector('[role="alert"]')).toBeNull();
    dialog()!.querySelector('video')!.dispatchEvent(new Event('error'));
    fixture.detectChanges();
    expect(dialog()!.querySelector('[role="alert"]')!.textContent).toContain('This recording cannot be played');
  });

  it('closes with the Close button', () => {
    [...dialog()!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Close')!.click();
    fixture.detectChanges();
    expect(dialog()).toBeNull();
    expect(document.activeElement!.id).toBe('opener');
  });
});

describe('PlayerDialog in direct playback (RECORDINGS_PLAYBACK=direct)', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  const urlPath = `/recordings/${encodeURIComponent(NAME)}/url`;
  const element = () => fixture.nativeElement as HTMLElement;
  const video = () => element().querySelector('video')!;
  const answerUrl = async (url: string, download = false) => {
    http.expectOne((request) => request.url === urlPath && request.params.has('download') === download).flush({ url, expiresAt: 0 });
    // The answer travels through a few promises before the source is set.
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [Host], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const loaded = TestBed.inject(AppConfig).load();
    http.expectOne('/config').flush({ livekitUrl: 'ws://lk', recordingsPlayback: 'direct' });
    await loaded;
    fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    document.body.appendChild(fixture.nativeElement);
    element().querySelector<HTMLButtonElement>('#opener')!.click();
    fixture.detectChanges();
    await answerUrl('https://storage.example/blob.mp4?sig=first');
  });

  afterEach(() => {
    http.verify();
    (fixture.nativeElement as HTMLElement).remove();
  });

  it('plays from the storage URL the API hands out', () => {
    expect(video().getAttribute('src')).toBe('https://storage.example/blob.mp4?sig=first');
  });

  it('asks for a new URL once when playback fails (an expired URL) and resumes; fails for good when that one fails too', async () => {
    video().dispatchEvent(new Event('error'));
    await answerUrl('https://storage.example/blob.mp4?sig=second');
    expect(video().getAttribute('src')).toBe('https://storage.example/blob.mp4?sig=second');
    expect(element().querySelector('[role="alert"]')).toBeNull();

    video().dispatchEvent(new Event('error'));
    fixture.detectChanges();
    expect(element().querySelector('[role="alert"]')!.textContent).toContain('This recording cannot be played');
  });

  it('renews again at the next expiry once the renewed URL played', async () => {
    video().dispatchEvent(new Event('error'));
    await answerUrl('https://storage.example/blob.mp4?sig=second');
    video().dispatchEvent(new Event('loadeddata'));
    video().dispatchEvent(new Event('error'));
    await answerUrl('https://storage.example/blob.mp4?sig=third');
    expect(video().getAttribute('src')).toBe('https://storage.example/blob.mp4?sig=third');
    expect(element().querySelector('[role="alert"]')).toBeNull();
  });

  it('downloads from storage through a URL that names the file, not through the API', async () => {
    const followed: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      followed.push(this.href);
    });
    const link = element().querySelector<HTMLAnchorElement>('a[download]')!;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await answerUrl('https://storage.example/blob.mp4?sig=download&rscd=attachment', true);
    expect(followed).toEqual(['https://storage.example/blob.mp4?sig=download&rscd=attachment']);
    click.mockRestore();
  });
});
