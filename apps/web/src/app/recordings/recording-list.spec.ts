import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { recording } from '../testing/recordings';
import { RecordingList } from './recording-list';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_test1.mp4';
const POSTER = '/recordings/RoomComposite-Test%20Room-2026-11-23T101500-RM_test1.mp4/poster';

describe('RecordingList cards', () => {
  let fixture: ComponentFixture<RecordingList>;

  function show(...recordings: ReturnType<typeof recording>[]): HTMLElement {
    TestBed.configureTestingModule({ imports: [RecordingList], providers: [provideHttpClient(), provideHttpClientTesting()] });
    fixture = TestBed.createComponent(RecordingList);
    fixture.componentRef.setInput('recordings', recordings);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the poster, loaded lazily, with the duration on it, and the date, size and actions below', () => {
    const card = show(recording(NAME, { posterUrl: POSTER, duration: 151 })).querySelector('li')!;
    const image = card.querySelector('img')!;
    expect(image.getAttribute('src')).toBe(POSTER);
    expect(image.getAttribute('loading')).toBe('lazy');
    expect(image.getAttribute('alt')).toBe('');
    expect(card.querySelector('.poster-duration')!.textContent!.trim()).toBe('02:31');
    expect(card.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-23T10:15:00.000Z');
    expect(card.textContent).toContain('5.0 MB');
    expect([...card.querySelectorAll('button, a')].map((action) => action.textContent!.trim().split(' ')[0])).toEqual([
      'Play',
      'Download',
      'Share',
      'Delete',
    ]);
  });

  it('says who started it, as text', () => {
    const card = show(recording(NAME, { startedBy: '<b>Alice</b>' })).querySelector('li')!;
    expect(card.querySelector('.recording-by')!.textContent!.trim()).toBe('Started by <b>Alice</b>');
    expect(card.querySelector('b')).toBeNull();
  });

  it('shows a placeholder instead of a poster that cannot be loaded', () => {
    const element = show(recording(NAME, { posterUrl: POSTER }));
    element.querySelector('img')!.dispatchEvent(new Event('error'));
    fixture.detectChanges();
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('.poster-placeholder')!.textContent).toContain('No preview');
  });

  it('shows the placeholder when the server names no poster, and no duration when it is unknown', () => {
    const card = show(recording(NAME, { duration: undefined })).querySelector('li')!;
    expect(card.querySelector('img')).toBeNull();
    expect(card.querySelector('.poster-placeholder')).not.toBeNull();
    expect(card.querySelector('.poster-duration')).toBeNull();
  });

  it('puts a failed recording’s status on its poster and in its text', () => {
    const card = show(recording(NAME, { posterUrl: POSTER, status: 'failed' })).querySelector('li')!;
    expect(card.querySelector('.poster-badge')!.textContent!.trim()).toBe('Failed');
    expect(card.querySelector('.recording-title')!.textContent).toContain('Failed');
  });

  it('opens the share dialog for the recording from its Share action', async () => {
    const element = show(recording(NAME));
    const share = [...element.querySelectorAll('button')].find((button) => button.textContent!.trim().startsWith('Share'))!;
    share.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('app-share-dialog dialog')?.getAttribute('aria-labelledby')).toBe('share-title');
    expect(element.querySelector('#share-title')?.textContent).toContain('Test Room');
  });
});
