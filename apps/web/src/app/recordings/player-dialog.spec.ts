import { Recording } from '@recording/contracts';

import { provideHttpClient } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

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
