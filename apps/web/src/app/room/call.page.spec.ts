import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';

import { FakeSession, fakeSession, FakeTrack, participant } from '../testing/fake-session';
import { recording, settle } from '../testing/recordings';
import { ActiveCall } from './active-call';
import { CallPage } from './call.page';

@Component({ template: '' })
class JoinStub {}

describe('CallPage', () => {
  let fixture: ComponentFixture<CallPage>;
  let session: FakeSession;
  let http: HttpTestingController;
  let leave: jest.Mock<Promise<void>, [string?]>;
  let camera: FakeTrack;
  let microphone: FakeTrack;

  beforeEach(async () => {
    camera = new FakeTrack();
    microphone = new FakeTrack();
    session = fakeSession([
      participant({ identity: 'alice', name: 'Alice', isLocal: true, video: new FakeTrack() }),
      participant({
        identity: 'mallory',
        name: '<img src=x onerror="alert(1)">',
        isLocal: false,
        video: camera,
        audio: microphone,
      }),
    ]);
    leave = jest.fn(() => Promise.resolve());
    TestBed.configureTestingModule({
      imports: [CallPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '', component: JoinStub }]),
        { provide: ActiveCall, useValue: { session: signal(session), leave } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CallPage);
    fixture.detectChanges();
    await settle();
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    [...element().querySelectorAll('button')].find((b) => b.textContent!.trim() === name) as HTMLButtonElement;
  const tiles = () => [...element().querySelectorAll('app-participant-tile')];
  const answerRecordings = (recordings = [recording('RoomComposite-Test Room-2026-11-23T101500-RM_test1.mp4')]) =>
    http.expectOne('/recordings?roomId=RM_test1').flush({ recordings });

  it('shows a tile per participant with the name as text, never as HTML', () => {
    answerRecordings();
    expect(tiles().map((tile) => tile.querySelector('.tile-name')!.textContent)).toEqual(['Alice (you)', '<img src=x onerror="alert(1)">']);
    expect(element().querySelector('img')).toBeNull();
    expect(element().querySelector('h1')!.textContent).toBe('Test Room');
  });

  it("attaches a remote participant's tracks and detaches them when unsubscribed or gone", () => {
    answerRecordings();
    const [, remote] = tiles();
    const video = remote.querySelector('video')!;
    const audio = remote.querySelector('audio')!;
    expect(camera.attach).toHaveBeenCalledWith(video);
    expect(microphone.attach).toHaveBeenCalledWith(audio);

    // A new snapshot with the same tracks (e.g. someone speaks) does not re-attach.
    session.participants.update(([local, other]) => [local, { ...other, speaking: true }]);
    fixture.detectChanges();
    expect(camera.attach).toHaveBeenCalledTimes(1);

    session.participants.update(([local, other]) => [local, { ...other, video: undefined, cameraOn: false }]);
    fixture.detectChanges();
    expect(camera.detach).toHaveBeenCalledWith(video);
    expect(camera.attached.size).toBe(0);

    session.participants.update(([local]) => [local]);
    fixture.detectChanges();
    expect(microphone.detach).toHaveBeenCalledWith(audio);
    expect(tiles()).toHaveLength(1);
  });

  it('mutes and unmutes the microphone and camera', () => {
    answerRecordings();
    button('Mute microphone').click();
    expect(session.setMicrophoneEnabled).toHaveBeenCalledWith(false);
    session.microphoneOn.set(false);
    fixture.detectChanges();
    button('Unmute microphone').click();
    expect(session.setMicrophoneEnabled).toHaveBeenLastCalledWith(true);

    button('Turn camera off').click();
    expect(session.setCameraEnabled).toHaveBeenCalledWith(false);
    session.cameraOn.set(false);
    fixture.detectChanges();
    expect(button('Turn camera on')).toBeDefined();
  });

  it('leaves and goes back to the join form with the room filled in', async () => {
    answerRecordings();
    button('Leave').click();
    await fixture.whenStable();
    expect(leave).toHaveBeenCalledWith(undefined);
    expect(TestBed.inject(Router).url).toBe('/?room=Test%20Room');
  });

  it('asks before a link or the back button takes the user out of the call', () => {
    answerRecordings();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    expect(fixture.componentInstance.canLeave()).toBe(false);
    expect(confirm).toHaveBeenCalledWith('Leave the call in Test Room?');
    expect(fixture.componentInstance.canLeave()).toBe(true);
    confirm.mockRestore();
  });

  it('does not ask again after the Leave button', async () => {
    answerRecordings();
    const confirm = jest.spyOn(window, 'confirm');
    button('Leave').click();
    await fixture.whenStable();
    expect(fixture.componentInstance.canLeave()).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    confirm.mockRestore();
  });

  describe('joining a room that is being recorded', () => {
    const dialog = () => (fixture.nativeElement as HTMLElement).querySelector('dialog.consent-dialog');
    const dialogButton = (name: string) =>
      [...(dialog()?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent!.trim() === name) as HTMLButtonElement;

    beforeEach(async () => {
      answerRecordings();
      session.answerRecordingConsent.mockImplementation(async () => session.recordingConsent.set(undefined));
      session.recordingConsent.set({ startedBy: 'Bob <b>' });
      fixture.detectChanges();
      await fixture.whenStable();
    });

    it('says so before anything is published, naming who records, as text', () => {
      expect(dialog()?.textContent).toContain('This call is being recorded');
      expect(dialog()?.querySelector('strong')?.textContent).toBe('Bob <b>');
      expect(dialog()?.textContent).toContain('Your camera and microphone stay off until you choose');
      expect(document.activeElement?.textContent?.trim()).toBe('Join with camera and microphone');
    });

    it.each([
      ['Join with camera and microphone', true],
      ['Join without camera and microphone', false],
    ])('"%s" answers %p and closes the notice', async (name, publish) => {
      dialogButton(name).click();
      fixture.detectChanges();
      expect(session.answerRecordingConsent).toHaveBeenCalledWith(publish);
      await fixture.whenStable();
      fixture.detectChanges();
      expect(dialog()).toBeNull();
    });

    it('"Leave" leaves the call', async () => {
      dialogButton('Leave').click();
      await fixture.whenStable();
      expect(leave).toHaveBeenCalledWith(undefined);
      expect(session.answerRecordingConsent).not.toHaveBeenCalled();
    });
  });

  it('leaves with a reason when the call ends on its own', async () => {
    answerRecordings();
    session.endedReason.set('The room was closed.');
    fixture.detectChanges();
    await fixture.whenStable();
    expect(leave).toHaveBeenCalledWith('The room was closed.');
  });

  it("lists the room's recordings by room SID and refreshes them when the recording state changes", async () => {
    answerRecordings([]);
    await settle();
    fixture.detectChanges();
    expect(element().textContent).toContain('No recordings of this room yet');

    session.room.setRecording(true);
    fixture.detectChanges();
    expect(element().querySelector('.recording-bar [role="status"]')?.textContent?.trim()).toBe('Recording');
    answerRecordings([recording('RoomComposite-Test Room-2026-11-23T101500-RM_test1.mp4', { status: 'active' })]);
    await settle();
    fixture.detectChanges();
    expect(element().querySelectorAll('app-recording-list li')).toHaveLength(1);
  });

  it('links to all recordings in a new tab', () => {
    answerRecordings();
    const link = [...element().querySelectorAll('a')].find((a) => a.textContent!.includes('View all recordings'))!;
    expect(link.getAttribute('href')).toBe('/recordings.html');
    expect(link.getAttribute('target')).toBe('_blank');
  });
});
