import { StartRecordingResponse, StopRecordingResponse } from '@recording/contracts';

import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { RoomEvent } from 'livekit-client';

import { FakeRoom } from '../testing/fake-room';
import { mountRecordingControls } from '../testing/recording-controls';
import { settle } from '../testing/recordings';
import { RecordingControls } from './recording-controls';
import { RECORDING_CONFIRMATION_TIMEOUT_MS } from './recording-state';
import { RecordingStateService } from './recording-state.service';

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_test1.mp4';

describe('RecordingControls', () => {
  let room: FakeRoom;
  let http: HttpTestingController;
  let fixture: ComponentFixture<RecordingControls>;
  let service: RecordingStateService;

  function setUp(isRecording = false, metadata?: string): void {
    ({ room, http, service, fixture } = mountRecordingControls(isRecording, metadata));
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const button = () => element().querySelector<HTMLButtonElement>('button.recording-button')!;
  const banner = () => element().querySelector('[role="status"]')!.textContent!.trim();
  /** What the bar says beside the state while recording (elapsed time, who started it). */
  const detail = () => element().querySelector('[role="timer"]')?.textContent?.trim();
  const alertText = () => element().querySelector('[role="alert"]')?.textContent?.trim();
  const render = async () => {
    await settle();
    fixture.detectChanges();
  };

  async function clickAndAnswer(path: string, body: object, status = 200): Promise<void> {
    button().click();
    fixture.detectChanges();
    const request = http.expectOne(path);
    expect(request.request.method).toBe('POST');
    // A start also says how to record: the defaults unless chosen (recording-controls.layout.spec.ts).
    expect(request.request.body).toEqual(
      path === '/recordings/start' ? { roomName: 'Test Room', layout: 'grid', audioOnly: false } : { roomName: 'Test Room' },
    );
    request.flush(body, { status, statusText: status === 200 ? 'OK' : 'Error' });
    await render();
  }

  const started: StartRecordingResponse = {
    message: 'Recording started',
    recording: { name: NAME, roomName: 'Test Room', roomId: 'RM_test1', startedAt: 1, status: 'starting' },
  };
  const stopped: StopRecordingResponse = {
    message: 'Recording stopped',
    recording: { name: NAME, roomName: 'Test Room', roomId: 'RM_test1', status: 'ending' },
  };

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('goes idle → Starting… → recording (banner) → Stopping… → idle with only the binary LiveKit event', async () => {
    setUp();
    expect(button().textContent!.trim()).toBe('Start recording');
    expect(button().disabled).toBe(false);
    expect(banner()).toBe('Not recording');

    button().click();
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Starting…');
    expect(button().disabled).toBe(true);
    const start = http.expectOne('/recordings/start');
    start.flush(started);
    await render();
    expect(button().textContent!.trim()).toBe('Starting…');

    room.setRecording(true);
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Stop recording');
    expect(button().disabled).toBe(false);
    expect(banner()).toBe('Recording');

    await clickAndAnswer('/recordings/stop', stopped);
    expect(button().textContent!.trim()).toBe('Stopping…');
    expect(button().disabled).toBe(true);

    room.setRecording(false);
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Start recording');
    expect(banner()).toBe('Not recording');
  });

  it('shows the room as recorded when it already was at join (room.isRecording, no event)', () => {
    setUp(true);
    expect(banner()).toBe('Recording');
    expect(button().textContent!.trim()).toBe('Stop recording');
  });

  it.each([
    [409, 'Recording already started for this room'],
    [409, 'The room has no participants: join it before recording.'],
    [503, 'Could not reach LiveKit at http://localhost:7880.'],
  ])('shows a %i "%s" answer to start and makes the button usable again', async (status, errorMessage) => {
    setUp();
    await clickAndAnswer('/recordings/start', { errorMessage }, status);
    expect(alertText()).toBe(errorMessage);
    expect(button().textContent!.trim()).toBe('Start recording');
    expect(button().disabled).toBe(false);
  });

  it('shows a failed stop and lets the user try again', async () => {
    setUp(true);
    await clickAndAnswer('/recordings/stop', { errorMessage: 'Could not reach LiveKit.' }, 503);
    expect(alertText()).toBe('Could not reach LiveKit.');
    expect(button().textContent!.trim()).toBe('Stop recording');
    expect(button().disabled).toBe(false);
  });

  it('falls back to the binary state when nothing confirms a start within the timeout', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    setUp();
    await clickAndAnswer('/recordings/start', started);
    jest.advanceTimersByTime(RECORDING_CONFIRMATION_TIMEOUT_MS - 1);
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Starting…');

    jest.advanceTimersByTime(1);
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Start recording');
    expect(button().disabled).toBe(false);
    expect(alertText()).toBe('The recording did not start in time. Try again.');
  });

  it('falls back to the binary state when a stop is never confirmed', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    setUp(true);
    await clickAndAnswer('/recordings/stop', stopped);
    expect(button().textContent!.trim()).toBe('Stopping…');
    room.isRecording = false; // LiveKit's state changed, but its event was lost
    jest.advanceTimersByTime(RECORDING_CONFIRMATION_TIMEOUT_MS);
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Start recording');
  });

  it('follows the richer data messages: Saving recording… until complete', async () => {
    setUp();
    await clickAndAnswer('/recordings/start', started);
    room.status(NAME, 'starting');
    room.status(NAME, 'active');
    fixture.detectChanges();
    expect(banner()).toBe('Recording');
    expect(button().textContent!.trim()).toBe('Stop recording');

    await clickAndAnswer('/recordings/stop', stopped);
    room.status(NAME, 'ending');
    fixture.detectChanges();
    expect(banner()).toBe('Saving recording…');

    room.setRecording(false); // the recorder left, the file is still being written
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Stopping…');
    expect(banner()).toBe('Saving recording…');

    room.status(NAME, 'complete');
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Start recording');
    expect(element().textContent).toContain('Recording saved.');
  });

  it.each(['failed', 'aborted'] as const)('says "Recording failed" with the reason when the recording is %s', async (status) => {
    setUp();
    await clickAndAnswer('/recordings/start', started);
    room.status(NAME, status, 'Start signal not received');
    fixture.detectChanges();
    expect(alertText()).toBe('Recording failed: Start signal not received');
    expect(button().textContent!.trim()).toBe('Start recording');
    expect(button().disabled).toBe(false);
  });

  describe('from the room metadata', () => {
    const STARTED_AT = Date.UTC(2026, 10, 23, 10, 15, 0);
    const metadata = (recording: object) => JSON.stringify({ theme: 'blue', recording: { name: NAME, ...recording } });

    beforeEach(() => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
      jest.setSystemTime(STARTED_AT + 65_000);
    });

    it('shows a latecomer a recording at once, with its elapsed time and who started it, and keeps the clock going', () => {
      setUp(true, metadata({ status: 'active', startedAt: STARTED_AT, startedBy: 'Ada' }));
      expect(banner()).toBe('Recording');
      expect(detail()).toBe('01:05 · started by Ada');
      expect(button().textContent!.trim()).toBe('Stop recording');
      jest.advanceTimersByTime(3_000);
      fixture.detectChanges();
      expect(banner()).toBe('Recording');
      expect(detail()).toBe('01:08 · started by Ada');
      // The clock is a timer outside the status: screen readers are not told every second.
      expect(element().querySelector('[role="status"] [role="timer"]')).toBeNull();
    });

    it('never shows a negative time when the browser clock is behind the server', () => {
      setUp(true, metadata({ status: 'active', startedAt: STARTED_AT + 120_000 }));
      expect(banner()).toBe('Recording');
      expect(detail()).toBe('00:00');
    });

    it('shows a start that LiveKit does not know of yet, and waits for the API’s "active" past the recorder joining', () => {
      setUp(false, metadata({ status: 'starting', startedAt: STARTED_AT, startedBy: 'Ada' }));
      expect(banner()).toBe('Starting the recording…');
      expect(button().disabled).toBe(true);
      room.setRecording(true);
      fixture.detectChanges();
      expect(banner()).toBe('Starting the recording…');
      // The API reports a start that never comes itself; the controls do not give up before it does.
      jest.advanceTimersByTime(RECORDING_CONFIRMATION_TIMEOUT_MS * 2);
      fixture.detectChanges();
      expect(banner()).toBe('Starting the recording…');
      room.setRoomRecording({ status: 'active', name: NAME, startedAt: STARTED_AT + 65_000 });
      fixture.detectChanges();
      // A minute passed above; who started it is still known from "starting".
      expect(banner()).toBe('Recording');
      expect(detail()).toBe('01:00 · started by Ada');
      expect(button().disabled).toBe(false);
    });

    it('shows saving while the file is written, then the saved recording', () => {
      setUp(false, metadata({ status: 'ending', startedAt: STARTED_AT }));
      expect(banner()).toBe('Saving recording…');
      expect(button().textContent!.trim()).toBe('Stopping…');
      room.setRoomRecording({ status: 'complete', name: NAME, startedAt: STARTED_AT });
      fixture.detectChanges();
      expect(banner()).toBe('Not recording');
      expect(element().textContent).toContain('Recording saved.');
      expect(alertText()).toBeUndefined();
    });

    it('shows a failed recording with the reason the API gives, to whoever joins too', () => {
      const failed = {
        status: 'failed',
        error: 'The recording did not start within 60 s: nobody in the room publishes a camera or microphone',
      };
      setUp(false, metadata(failed));
      expect(banner()).toBe('Not recording');
      expect(alertText()).toBe(`Recording failed: ${failed.error}`);
      expect(button().disabled).toBe(false);
    });

    it('says nothing at join about the last recording when it was saved', () => {
      setUp(false, metadata({ status: 'complete' }));
      expect(banner()).toBe('Not recording');
      expect(element().querySelector('.notice')).toBeNull();
    });

    it('follows every change of the metadata: starting → recording → saving → saved', async () => {
      setUp();
      await clickAndAnswer('/recordings/start', started);
      room.setRoomRecording({ status: 'starting', name: NAME, startedAt: STARTED_AT, startedBy: 'Ada' });
      fixture.detectChanges();
      expect(banner()).toBe('Starting the recording…');
      room.setRoomRecording({ status: 'active', name: NAME, startedAt: STARTED_AT + 5_000, startedBy: 'Ada' });
      fixture.detectChanges();
      expect(banner()).toBe('Recording');
      expect(detail()).toBe('01:00 · started by Ada');
      await clickAndAnswer('/recordings/stop', stopped);
      room.setRoomRecording({ status: 'ending', name: NAME, startedAt: STARTED_AT + 5_000, startedBy: 'Ada' });
      fixture.detectChanges();
      expect(banner()).toBe('Saving recording…');
      room.setRecording(false);
      room.setRoomRecording({ status: 'complete', name: NAME, startedAt: STARTED_AT + 5_000, startedBy: 'Ada' });
      fixture.detectChanges();
      expect(banner()).toBe('Not recording');
      expect(element().textContent).toContain('Recording saved.');
    });

    it('tells a stop that came before the recording started from a failure: nothing saved, no alarm', async () => {
      setUp(false, metadata({ status: 'starting', startedAt: STARTED_AT }));
      room.setRoomRecording({ status: 'aborted', name: NAME, error: 'Stop called before pipeline could start' });
      fixture.detectChanges();
      expect(alertText()).toBeUndefined();
      expect(element().textContent).toContain('The recording was stopped before it started: nothing was saved.');
      expect(button().textContent!.trim()).toBe('Start recording');
    });

    it('ignores metadata that is not the API’s and falls back to LiveKit’s flag', () => {
      setUp(true, 'someone else’s text');
      expect(banner()).toBe('Recording');
      room.setMetadata('{"recording":{"status":"paused","name":"x"}}');
      fixture.detectChanges();
      expect(banner()).toBe('Recording');
    });

    it('agrees with the data messages when both arrive, in any order', () => {
      setUp(false, metadata({ status: 'starting', startedAt: STARTED_AT }));
      room.status(NAME, 'active');
      room.setRoomRecording({ status: 'active', name: NAME, startedAt: STARTED_AT + 5_000 });
      room.status(NAME, 'starting');
      fixture.detectChanges();
      expect(banner()).toBe('Recording');
      expect(detail()).toBe('01:00');
    });
  });

  it('ignores a late end of an older recording while a new one starts', async () => {
    setUp();
    await clickAndAnswer('/recordings/start', started);
    room.status('RoomComposite-Test Room-2026-11-23T090000-RM_test1.mp4', 'complete');
    fixture.detectChanges();
    expect(button().textContent!.trim()).toBe('Starting…');
  });

  it('ignores recording messages sent by a participant instead of the server', () => {
    setUp();
    room.signal(
      { type: 'recording_status', recording: { name: NAME, roomName: 'Test Room', roomId: 'RM_test1', status: 'active' } },
      { identity: 'mallory' },
    );
    fixture.detectChanges();
    expect(banner()).toBe('Not recording');
  });

  it('asks for a list refresh when the state changes and when a recording is deleted', async () => {
    setUp();
    const before = service.recordingsChanged();
    room.setRecording(true);
    expect(service.recordingsChanged()).toBeGreaterThan(before);
    const afterStart = service.recordingsChanged();
    room.signal({ type: 'recording_deleted', name: NAME });
    expect(service.recordingsChanged()).toBe(afterStart + 1);
  });

  it('stops listening to the room when destroyed', () => {
    setUp();
    expect(room.listenerCount(RoomEvent.RecordingStatusChanged)).toBe(1);
    TestBed.resetTestingModule();
    expect(room.listenerCount(RoomEvent.RecordingStatusChanged)).toBe(0);
    expect(room.listenerCount(RoomEvent.DataReceived)).toBe(0);
    expect(room.listenerCount(RoomEvent.RoomMetadataChanged)).toBe(0);
  });
});
