import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { App } from './app';
import { appRoutes } from './app.routes';
import { BARE_PAGE } from './core/page-chrome';
import { AppTitleStrategy } from './core/title-strategy';
import { NotFoundPage } from './not-found.page';
import { RecordingTemplatePage } from './recording-template/recording-template.page';
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

  it('serves the recording template at /recording-template, loaded on demand', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const page = await harness.navigateByUrl('/recording-template', RecordingTemplatePage);
    expect(page).toBeInstanceOf(RecordingTemplatePage);
    expect(TestBed.inject(Title).getTitle()).toBe('Recording · Call Recorder');
    expect(TestBed.inject(Router).routerState.snapshot.root.firstChild!.data[BARE_PAGE]).toBe(true);
    harness.detectChanges();
    // Opened without the url and token the recorder puts in its address.
    expect(harness.routeNativeElement!.textContent).toContain('The recorder could not join the room');
    error.mockRestore();
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

  it('leaves the header out on a page whose route asks for a bare page (the recording template), and only there', async () => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [
        provideRouter([
          { path: 'bare', component: NotFoundPage, data: { [BARE_PAGE]: true } },
          { path: '**', component: NotFoundPage },
        ]),
      ],
    });
    const fixture = TestBed.createComponent(App);
    const element = fixture.nativeElement as HTMLElement;
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/bare?url=x');
    await fixture.whenStable();
    expect(element.querySelector('header')).toBeNull();
    expect(element.querySelector('.skip-link')).toBeNull();
    expect(element.querySelector('main')!.classList).toContain('app-main-bare');
    await router.navigateByUrl('/elsewhere');
    await fixture.whenStable();
    expect(element.querySelector('header')).not.toBeNull();
    expect(element.querySelector('main')!.classList).not.toContain('app-main-bare');
  });
});
