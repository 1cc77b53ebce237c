import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';

import { recording, settle } from '../testing/recordings';
import { AllRecordingsPage } from './all-recordings.page';

const name = (room: string, hour: number) => `RoomComposite-${room}-2026-11-23T${String(hour).padStart(2, '0')}1500-RM_test${hour}.mp4`;

describe('AllRecordingsPage', () => {
  let fixture: ComponentFixture<AllRecordingsPage>;
  let http: HttpTestingController;

  function create(roomName?: string): void {
    fixture = TestBed.createComponent(AllRecordingsPage);
    if (roomName !== undefined) fixture.componentRef.setInput('roomName', roomName);
    fixture.detectChanges();
    // The access panel asks what this browser may see (its own spec covers it).
    http.expectOne('/auth/session').flush({ mode: 'room', operator: false, rooms: ['A', 'B'], operatorSignIn: false });
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AllRecordingsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'recordings.html', component: AllRecordingsPage }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const names = () => [...element().querySelectorAll('li .recording-name')].map((n) => n.textContent);
  const button = (label: string) =>
    [...element().querySelectorAll('button')].find((b) => b.textContent!.trim() === label) as HTMLButtonElement | undefined;
  const filterInput = () => {
    const label = [...element().querySelectorAll('label')].find((l) => l.textContent!.trim() === 'Room name')!;
    return element().querySelector<HTMLInputElement>(`#${label.htmlFor}`)!;
  };
  const render = async () => {
    await settle();
    fixture.detectChanges();
  };
  const expectList = (query: string): TestRequest => http.expectOne(`/recordings?${query}`);
  async function filterBy(value: string): Promise<void> {
    filterInput().value = value;
    filterInput().dispatchEvent(new Event('input'));
    button('Filter')!.click();
    fixture.detectChanges();
  }

  it('asks for the first page, newest first as the API sends it, and shows loading meanwhile', async () => {
    create();
    expect(element().textContent).toContain('Loading recordings…');
    expectList('maxItems=20').flush({ recordings: [recording(name('B', 11)), recording(name('A', 10))] });
    await render();
    expect(names()).toEqual([name('B', 11), name('A', 10)]);
    expect(button('Load more')).toBeUndefined();
  });

  it('loads more with the page token and appends', async () => {
    create();
    expectList('maxItems=20').flush({ recordings: [recording(name('A', 12))], nextPageToken: 'tok/en+1=' });
    await render();
    button('Load more')!.click();
    fixture.detectChanges();
    expect(button('Loading…')!.disabled).toBe(true);
    expectList('maxItems=20&pageToken=tok%2Fen%2B1%3D').flush({ recordings: [recording(name('A', 11))] });
    await render();
    expect(names()).toEqual([name('A', 12), name('A', 11)]);
    expect(button('Load more')).toBeUndefined();
  });

  it('filters by exact room name, encoded, and keeps it in the address', async () => {
    create();
    expectList('maxItems=20').flush({ recordings: [recording(name('A', 12)), recording(name('Sala de reunión', 11))] });
    await render();
    await filterBy('Sala de reunión');
    expectList('roomName=Sala%20de%20reuni%C3%B3n&maxItems=20').flush({
      recordings: [recording(name('Sala de reunión', 11))],
    });
    await render();
    await fixture.whenStable();
    expect(names()).toEqual([name('Sala de reunión', 11)]);
    expect(TestBed.inject(Router).url).toBe('/?roomName=Sala%20de%20reuni%C3%B3n');

    button('Show all')!.click();
    fixture.detectChanges();
    expectList('maxItems=20').flush({ recordings: [] });
    await render();
    expect(filterInput().value).toBe('');
  });

  it('starts filtered from ?roomName=', async () => {
    create('Test Room');
    expectList('roomName=Test%20Room&maxItems=20').flush({ recordings: [] });
    await render();
    expect(filterInput().value).toBe('Test Room');
    expect(element().textContent).toContain('No recordings of the room “Test Room”');
  });

  it('does not ask with an invalid room name and says why', async () => {
    create();
    expectList('maxItems=20').flush({ recordings: [] });
    await render();
    await filterBy('a/b');
    http.expectNone(() => true);
    expect(filterInput().getAttribute('aria-invalid')).toBe('true');
    expect(element().querySelector(`#${filterInput().getAttribute('aria-describedby')}`)!.textContent).toContain('at most 100 letters');
  });

  it('shows no error but how to see recordings when this browser holds no credential (401)', async () => {
    create();
    expectList('maxItems=20').flush(
      { errorMessage: 'A credential is needed: join the room first' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await render();
    expect(element().querySelector('.notice-error')).toBeNull();
    expect(element().textContent).toContain('No recordings to show yet: join a call');
  });

  it('shows an empty state', async () => {
    create();
    expectList('maxItems=20').flush({ recordings: [] });
    await render();
    expect(element().textContent).toContain('No recordings yet.');
    expect(element().querySelectorAll('li')).toHaveLength(0);
  });

  it('shows an error with a retry that works', async () => {
    create();
    expectList('maxItems=20').flush(
      { errorMessage: 'Could not list the recordings: storage is unreachable.' },
      { status: 503, statusText: 'x' },
    );
    await render();
    expect(element().querySelector('[role="alert"]')!.textContent).toContain('storage is unreachable');
    button('Try again')!.click();
    fixture.detectChanges();
    expectList('maxItems=20').flush({ recordings: [recording(name('A', 10))] });
    await render();
    expect(element().querySelector('[role="alert"]')).toBeNull();
    expect(names()).toEqual([name('A', 10)]);
  });

  it('keeps what is shown when "Load more" fails, and retries the same page', async () => {
    create();
    expectList('maxItems=20').flush({ recordings: [recording(name('A', 12))], nextPageToken: 'p2' });
    await render();
    button('Load more')!.click();
    expectList('maxItems=20&pageToken=p2').error(new ProgressEvent('error'), { status: 0 });
    await render();
    expect(names()).toEqual([name('A', 12)]);
    expect(element().querySelector('[role="alert"]')!.textContent).toContain('Could not load more recordings');
    button('Try again')!.click();
    expectList('maxItems=20&pageToken=p2').flush({ recordings: [recording(name('A', 11))] });
    await render();
    expect(names()).toEqual([name('A', 12), name('A', 11)]);
  });

  it('removes a deleted recording from the page', async () => {
    create();
    expectList('maxItems=20').flush({ recordings: [recording(name('A', 12)), recording(name('A', 11))] });
    await render();
    const item = [...element().querySelectorAll('li')][0];
    [...item.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith('Delete'))!.click();
    fixture.detectChanges();
    [...item.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith('Yes, delete'))!.click();
    http.expectOne(`/recordings/${encodeURIComponent(name('A', 12))}`).flush({ message: 'Recording deleted' });
    await render();
    expect(names()).toEqual([name('A', 11)]);
  });
});
