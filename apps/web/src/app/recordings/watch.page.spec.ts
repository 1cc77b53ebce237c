import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { settle } from '../testing/recordings';
import { WatchPage } from './watch.page';

const NAME = 'RoomComposite-Sala de reunión-2026-11-23T101500-RM_abc.mp4';
const shareToken = (payload: object) => `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${'s'.repeat(43)}`;
const VALID = shareToken({ r: NAME, e: Date.now() + 3600_000, g: 0 });
const MEDIA = `/recordings/RoomComposite-Sala%20de%20reuni%C3%B3n-2026-11-23T101500-RM_abc.mp4?share=${VALID}`;

describe('WatchPage', () => {
  let fixture: ComponentFixture<WatchPage>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [WatchPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const render = async () => {
    await settle();
    fixture.detectChanges();
  };
  function create(token: string): void {
    fixture = TestBed.createComponent(WatchPage);
    fixture.componentRef.setInput('token', token);
    fixture.detectChanges();
  }

  it('checks the link, then plays only that recording through ?share=', async () => {
    create(VALID);
    expect(element().textContent).toContain('Opening the recording…');
    const head = http.expectOne(MEDIA);
    expect(head.request.method).toBe('HEAD');
    head.flush('');
    await render();
    expect(element().querySelector('h1')?.textContent).toBe('Sala de reunión');
    expect(element().querySelector('video')?.getAttribute('src')).toBe(MEDIA);
    expect(element().querySelector('video')?.getAttribute('poster')).toBe(MEDIA.replace('.mp4?', '.mp4/poster?'));
    expect(element().querySelector('a[download]')?.getAttribute('href')).toBe(MEDIA.replace('?', '?download=1&'));
  });

  it('says the link expired or was revoked when the API answers 404', async () => {
    create(VALID);
    http.expectOne(MEDIA).flush('', { status: 404, statusText: 'Not Found' });
    await render();
    expect(element().querySelector('[role=alert]')?.textContent).toContain('This link has expired or was revoked');
    expect(element().querySelector('video')).toBeNull();
  });

  it.each([
    ['not a token', 'garbage'],
    ['past its expiry', shareToken({ r: NAME, e: Date.now() - 1000, g: 0 })],
    ['not naming a recording', shareToken({ r: 'secret.txt', e: Date.now() + 3600_000, g: 0 })],
  ])('says so without asking the server for a token %s', async (_label, token) => {
    create(token);
    await render();
    expect(element().querySelector('[role=alert]')?.textContent).toContain('This link has expired or was revoked');
  });

  it('offers to try again when the server cannot be reached', async () => {
    create(VALID);
    http.expectOne(MEDIA).flush('', { status: 503, statusText: 'Unavailable' });
    await render();
    const retry = [...element().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Try again')!;
    retry.click();
    http.expectOne(MEDIA).flush('');
    await render();
    expect(element().querySelector('video')).not.toBeNull();
  });
});
