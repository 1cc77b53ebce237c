import { ChangeLayoutResponse, StartRecordingResponse } from '@recording/contracts';

import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';

import { FakeRoom } from '../testing/fake-room';
import { mountRecordingControls } from '../testing/recording-controls';
import { settle } from '../testing/recordings';
import { RecordingControls } from './recording-controls';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_test1.mp4';
const recording = { name: NAME, roomName: 'Test Room', roomId: 'RM_test1', startedAt: 1, status: 'starting' as const };

describe('RecordingControls: layout and audio only', () => {
  let room: FakeRoom;
  let http: HttpTestingController;
  let fixture: ComponentFixture<RecordingControls>;

  function setUp(isRecording = false, metadata?: string): void {
    ({ room, http, fixture } = mountRecordingControls(isRecording, metadata));
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const layoutSelect = () => element().querySelector<HTMLSelectElement>('select.layout-select');
  const audioOnly = () => element().querySelector<HTMLInputElement>('input[type="checkbox"]');
  const button = () => element().querySelector<HTMLButtonElement>('button.recording-button')!;
  const alertText = () => element().querySelector('[role="alert"]')?.textContent?.trim();
  const selectedLabel = () => layoutSelect()!.selectedOptions[0]?.textContent?.trim();
  const render = async () => {
    await settle();
    fixture.detectChanges();
  };
  const choose = (select: HTMLSelectElement, value: string) => {
    select.value = value;
    select.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  };

  /** Starts with what is chosen, answers like the API, then LiveKit's recorder joins. */
  async function startRecording(expectedBody: object, answer: Partial<StartRecordingResponse['recording']> = {}): Promise<void> {
    button().click();
    fixture.detectChanges();
    const start = http.expectOne('/recordings/start');
    expect(start.request.body).toEqual({ roomName: 'Test Room', ...expectedBody });
    start.flush({ message: 'Recording started', recording: { ...recording, ...answer } } satisfies StartRecordingResponse);
    await render();
    room.setRecording(true);
    fixture.detectChanges();
  }

  afterEach(() => http.verify());

  it('offers Grid, Speaker and Single speaker (Grid first) and Audio only before a start, and sends the choice', async () => {
    setUp();
    const options = [...layoutSelect()!.options].map((option) => [option.value, option.textContent!.trim()]);
    expect(options).toEqual([
      ['grid', 'Grid'],
      ['speaker', 'Speaker'],
      ['single-speaker', 'Single speaker'],
    ]);
    expect(selectedLabel()).toBe('Grid');
    expect(audioOnly()!.checked).toBe(false);
    choose(layoutSelect()!, 'speaker');
    await startRecording({ layout: 'speaker', audioOnly: false }, { layout: 'speaker', audioOnly: false });
    expect(selectedLabel()).toBe('Speaker');
    expect(audioOnly()).toBeNull();
  });

  it('records sound only when asked: no layout to choose, and none to switch while it records', async () => {
    setUp();
    audioOnly()!.click();
    fixture.detectChanges();
    expect(layoutSelect()!.disabled).toBe(true);
    await startRecording({ layout: 'grid', audioOnly: true }, { audioOnly: true });
    expect(layoutSelect()).toBeNull();
    expect(element().querySelector('.recording-option')!.textContent!.trim()).toBe('Audio only');
  });

  it('switches the layout while recording, busy until the API answers', async () => {
    setUp();
    await startRecording({ layout: 'grid', audioOnly: false }, { layout: 'grid' });
    expect(selectedLabel()).toBe('Grid');
    choose(layoutSelect()!, 'single-speaker');
    const change = http.expectOne('/recordings/layout');
    expect(change.request.method).toBe('POST');
    expect(change.request.body).toEqual({ roomName: 'Test Room', layout: 'single-speaker' });
    expect(layoutSelect()!.disabled).toBe(true);
    expect(layoutSelect()!.getAttribute('aria-busy')).toBe('true');
    expect(element().textContent).toContain('Switching layout…');
    change.flush({
      message: 'Layout changed',
      recording: { ...recording, status: 'active', layout: 'single-speaker' },
    } satisfies ChangeLayoutResponse);
    await render();
    expect(layoutSelect()!.disabled).toBe(false);
    expect(selectedLabel()).toBe('Single speaker');
    expect(element().textContent).not.toContain('Switching layout…');
    expect(button().textContent!.trim()).toBe('Stop recording');
  });

  it('shows a refused switch with what the API said, and the layout it still records in', async () => {
    setUp();
    await startRecording({ layout: 'grid', audioOnly: false }, { layout: 'speaker' });
    expect(selectedLabel()).toBe('Speaker');
    choose(layoutSelect()!, 'grid');
    http
      .expectOne('/recordings/layout')
      .flush({ errorMessage: 'Recording not started for this room' }, { status: 409, statusText: 'Conflict' });
    await render();
    expect(alertText()).toBe('Recording not started for this room');
    expect(selectedLabel()).toBe('Speaker');
    expect(layoutSelect()!.disabled).toBe(false);
    expect(button().textContent!.trim()).toBe('Stop recording');
  });

  it("offers the switch for someone else's recording, and shows its layout once the API announces it", () => {
    setUp(true, JSON.stringify({ recording: { name: NAME, status: 'active', startedAt: 1 } }));
    expect(selectedLabel()).toBe('Switch to…');
    room.signal({ type: 'recording_status', recording: { ...recording, status: 'active', layout: 'speaker', audioOnly: false } });
    fixture.detectChanges();
    expect(selectedLabel()).toBe('Speaker');
    room.signal({ type: 'recording_status', recording: { ...recording, status: 'active', audioOnly: true } });
    fixture.detectChanges();
    expect(layoutSelect()).toBeNull();
  });

  it('offers neither while a recording starts or stops', async () => {
    setUp();
    button().click();
    fixture.detectChanges();
    expect(layoutSelect()).toBeNull();
    expect(audioOnly()).toBeNull();
    http.expectOne('/recordings/start').flush({ message: 'Recording started', recording });
    await render();
    expect(layoutSelect()).toBeNull();
  });

  it('forgets the layout of a recording once it ended: the next one starts with the choice', async () => {
    setUp();
    choose(layoutSelect()!, 'single-speaker');
    await startRecording({ layout: 'single-speaker', audioOnly: false });
    expect(selectedLabel()).toBe('Single speaker');
    room.status(NAME, 'complete');
    fixture.detectChanges();
    expect(selectedLabel()).toBe('Single speaker');
    expect(audioOnly()!.checked).toBe(false);
  });
});
