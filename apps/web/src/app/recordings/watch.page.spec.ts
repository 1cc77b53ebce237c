import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { settle } from '../testing/recordings';
import { WatchPage } from './watch.page';

const TOKEN = 'AZp2q8Lw-opaque_token';
const MEDIA = `/shared/${TOKEN}`;

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

  it('checks the link, then plays, shows and downloads only through /shared/<token>, naming no room', async () => {
    create(TOKEN);
    expect(element().textContent).toContain('Opening the recording…');
    const head = http.expectOne(MEDIA);
    expect(head.request.method).toBe('HEAD');
    head.flush('');
    await render();
    expect(element().querySelector('h1')?.textContent).toBe('Shared recording');
    expect(element().querySelector('video')?.getAttribute('src')).toBe(MEDIA);
    expect(element().querySelector('video')?.getAttribute('poster')).toBe(`${MEDIA}/poster`);
    expect(element().querySelector('a[download]')?.getAttribute('href')).toBe(`${MEDIA}?download=1`);
    // Nothing the page shows or links to names a recording (whose name holds the room's).
    const shown = [
      element().textContent ?? '',
      ...[...element().querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value)),
    ];
    expect(shown.filter((text) => text.includes('/recordings/'))).toEqual([]);
  });

  it('says the link expired or was revoked when the API answers 404', async () => {
    create(TOKEN);
    http.expectOne(MEDIA).flush('', { status: 404, statusText: 'Not Found' });
    await render();
    expect(element().querySelector('[role=alert]')?.textContent).toContain('This link has expired or was revoked');
    expect(element().querySelector('video')).toBeNull();
  });

  it('says so when playback fails later (the link expired or was revoked meanwhile)', async () => {
    create(TOKEN);
    http.expectOne(MEDIA).flush('');
    await render();
    element().querySelector('video')!.dispatchEvent(new Event('error'));
    await render();
    expect(element().querySelector('[role=alert]')?.textContent).toContain('reload the page');
  });

  it('offers to try again when the server cannot be reached', async () => {
    create(TOKEN);
    http.expectOne(MEDIA).flush('', { status: 503, statusText: 'Unavailable' });
    await render();
    const retry = [...element().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Try again')!;
    retry.click();
    http.expectOne(MEDIA).flush('');
    await render();
    expect(element().querySelector('video')).not.toBeNull();
  });
});
