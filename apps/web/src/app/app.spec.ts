import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { App } from './app';
import { appRoutes } from './app.routes';
import { AppTitleStrategy } from './core/title-strategy';
import { AllRecordingsPage } from './recordings/all-recordings.page';
import { JoinPage } from './room/join.page';

describe('App routes', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(appRoutes, withComponentInputBinding()),
        { provide: TitleStrategy, useClass: AppTitleStrategy },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  it('serves the join form at / with its own title', async () => {
    await harness.navigateByUrl('/', JoinPage);
    expect(TestBed.inject(Title).getTitle()).toBe('Join a call · Call Recorder');
  });

  it("serves all recordings at the tutorial's /recordings.html", async () => {
    await harness.navigateByUrl('/recordings.html', AllRecordingsPage);
    http.expectOne('/recordings?maxItems=20').flush({ recordings: [] });
    expect(TestBed.inject(Title).getTitle()).toBe('All recordings · Call Recorder');
  });

  it('sends a link to a room to the join form with the room filled in, without loading the call', async () => {
    const join = await harness.navigateByUrl('/room/Sala%20de%20reuni%C3%B3n', JoinPage);
    expect(TestBed.inject(Router).url).toBe('/?room=Sala%20de%20reuni%C3%B3n');
    harness.detectChanges();
    expect(harness.routeNativeElement!.querySelector<HTMLInputElement>('#room-name')!.value).toBe('Sala de reunión');
    expect(join).toBeInstanceOf(JoinPage);
  });

  it('answers unknown addresses with a page that says so', async () => {
    await harness.navigateByUrl('/nowhere');
    expect(harness.routeNativeElement!.textContent).toContain('Page not found');
    expect(TestBed.inject(Title).getTitle()).toBe('Page not found · Call Recorder');
  });
});

describe('App shell', () => {
  it('has a header with the app name and links to both pages', async () => {
    TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('header')!.textContent).toContain('Call Recorder');
    const links = [...element.querySelectorAll('nav a')].map((a) => [a.textContent!.trim(), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Join', '/'],
      ['Recordings', '/recordings.html'],
    ]);
  });
});
