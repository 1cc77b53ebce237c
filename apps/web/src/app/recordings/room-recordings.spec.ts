import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { recording, settle } from '../testing/recordings';
import { RoomRecordings } from './room-recordings';

const SPACE = 'RoomComposite-Test Room-2026-11-23T101500-RM_test1.mp4';
const AWKWARD = "RoomComposite-Tom's #1?-2026-11-23T111500-RM_test1.mp4";
const AWKWARD_PATH = "/recordings/RoomComposite-Tom's%20%231%3F-2026-11-23T111500-RM_test1.mp4";

describe('RoomRecordings (with the recording list)', () => {
  let fixture: ComponentFixture<RoomRecordings>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [RoomRecordings],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RoomRecordings);
    fixture.componentRef.setInput('roomId', 'RM_test1');
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const items = () => [...element().querySelectorAll('li')];
  const item = (name: string) => items().find((li) => li.textContent!.includes(name))!;
  const button = (scope: Element, name: string) =>
    [...scope.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(name)) as HTMLButtonElement;
  const render = async () => {
    await settle();
    fixture.detectChanges();
  };
  async function showList(recordings = [recording(SPACE), recording(AWKWARD, { duration: undefined })]) {
    http.expectOne('/recordings?roomId=RM_test1').flush({ recordings });
    await render();
  }
  async function confirmDelete(name: string) {
    button(item(name), 'Delete').click();
    fixture.detectChanges();
    button(item(name), 'Yes, delete').click();
    fixture.detectChanges();
  }

  it("shows the room's current recording at the top, in the words of its state, until its file lands", async () => {
    await showList([]);
    fixture.componentRef.setInput('live', { kind: 'recording', text: 'Recording · 02:31', startedBy: 'Alice' });
    fixture.detectChanges();
    const entry = element().querySelector('[aria-label="Current recording"]')!;
    expect(entry.getAttribute('role')).toBe('status');
    expect(entry.querySelector('.live-state')!.textContent!.trim()).toBe('Recording · 02:31');
    expect(entry.textContent).toContain('Started by Alice');
    expect(element().textContent).not.toContain('No recordings of this room yet');

    fixture.componentRef.setInput('live', { kind: 'failed', text: 'Failed: nobody publishes' });
    fixture.detectChanges();
    expect(element().querySelector('[aria-label="Current recording"]')!.getAttribute('data-kind')).toBe('failed');
    expect(element().querySelector('.live-state')!.textContent!.trim()).toBe('Failed: nobody publishes');

    fixture.componentRef.setInput('live', undefined);
    fixture.detectChanges();
    expect(element().querySelector('[aria-label="Current recording"]')).toBeNull();
  });

  it('shows loading, then each recording with its name, date, size and (optional) duration', async () => {
    expect(element().textContent).toContain('Loading recordings…');
    await showList();
    expect(items()).toHaveLength(2);
    const first = item(SPACE);
    expect(first.querySelector('.recording-name')!.textContent).toBe(SPACE);
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-23T10:15:00.000Z');
    expect(first.textContent).toContain('5.0 MB');
    expect(first.textContent).toContain('2 min 05 s');
    expect(item(AWKWARD).querySelectorAll('time')).toHaveLength(1);
  });

  it.each([
    [SPACE, '/recordings/RoomComposite-Test%20Room-2026-11-23T101500-RM_test1.mp4'],
    [AWKWARD, AWKWARD_PATH],
  ])('downloads %j from its encoded URL', async (name, path) => {
    await showList();
    const link = item(name).querySelector('a[download]')!;
    expect(link.getAttribute('href')).toBe(`${path}?download=1`);
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).toBe(`Download ${name}`);
  });

  it('plays a recording in the dialog from its encoded URL', async () => {
    await showList();
    button(item(AWKWARD), 'Play').click();
    fixture.detectChanges();
    await fixture.whenStable();
    const dialog = element().querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector('video')!.getAttribute('src')).toBe(AWKWARD_PATH);
  });

  it('deletes only after confirmation, with the encoded name, and removes the item', async () => {
    await showList();
    button(item(AWKWARD), 'Delete').click();
    fixture.detectChanges();
    http.expectNone(() => true);
    expect(item(AWKWARD).textContent).toContain('Delete this recording for everyone?');

    button(item(AWKWARD), 'Yes, delete').click();
    fixture.detectChanges();
    const request = http.expectOne(AWKWARD_PATH);
    expect(request.request.method).toBe('DELETE');
    request.flush({ message: 'Recording deleted' });
    await render();
    expect(items().map((li) => li.querySelector('.recording-name')!.textContent)).toEqual([SPACE]);
    expect(element().textContent).toContain(`Deleted ${AWKWARD}.`);
  });

  it('does nothing when the deletion is cancelled, and moves the focus sensibly', async () => {
    await showList();
    button(item(SPACE), 'Delete').click();
    fixture.detectChanges();
    expect(document.activeElement).toBe(button(item(SPACE), 'Cancel'));
    button(item(SPACE), 'Cancel').click();
    fixture.detectChanges();
    expect(items()).toHaveLength(2);
    expect(document.activeElement).toBe(button(item(SPACE), 'Delete'));
  });

  it('treats a 404 on delete as already gone', async () => {
    await showList();
    await confirmDelete(SPACE);
    http
      .expectOne('/recordings/RoomComposite-Test%20Room-2026-11-23T101500-RM_test1.mp4')
      .flush({ errorMessage: 'Recording not found' }, { status: 404, statusText: 'Not Found' });
    await render();
    expect(items()).toHaveLength(1);
    expect(element().querySelector('[role="alert"]')).toBeNull();
    expect(element().textContent).toContain('was already deleted');
  });

  it('shows a 409 (still being written) and keeps the recording', async () => {
    await showList();
    await confirmDelete(SPACE);
    http
      .expectOne('/recordings/RoomComposite-Test%20Room-2026-11-23T101500-RM_test1.mp4')
      .flush({ errorMessage: 'The recording is still being written' }, { status: 409, statusText: 'Conflict' });
    await render();
    expect(items()).toHaveLength(2);
    expect(element().querySelector('[role="alert"]')!.textContent!.trim()).toBe(
      `Could not delete ${SPACE}: The recording is still being written`,
    );
  });

  it('reloads when asked to refresh', async () => {
    await showList([]);
    expect(element().textContent).toContain('No recordings of this room yet');
    fixture.componentRef.setInput('refresh', 1);
    fixture.detectChanges();
    await showList([recording(SPACE)]);
    expect(items()).toHaveLength(1);
  });

  it('shows an error with a retry', async () => {
    http.expectOne('/recordings?roomId=RM_test1').flush({ errorMessage: 'Storage is unavailable' }, { status: 503, statusText: 'x' });
    await render();
    expect(element().querySelector('[role="alert"]')!.textContent).toContain('Storage is unavailable');
    button(element(), 'Try again').click();
    await showList();
    expect(items()).toHaveLength(2);
  });
});
