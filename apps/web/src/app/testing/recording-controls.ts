import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { RecordingControls } from '../room/recording-controls';
import { RecordingStateService } from '../room/recording-state.service';
import { FakeRoom } from './fake-room';

export interface MountedRecordingControls {
  room: FakeRoom;
  http: HttpTestingController;
  service: RecordingStateService;
  fixture: ComponentFixture<RecordingControls>;
}

/** The call view's recording bar on a stand-in room (recording or not, with its metadata), rendered once. */
export function mountRecordingControls(isRecording = false, metadata?: string): MountedRecordingControls {
  const room = new FakeRoom();
  room.isRecording = isRecording;
  room.metadata = metadata;
  TestBed.configureTestingModule({
    imports: [RecordingControls],
    providers: [provideHttpClient(), provideHttpClientTesting(), RecordingStateService],
  });
  const http = TestBed.inject(HttpTestingController);
  const service = TestBed.inject(RecordingStateService);
  service.attach(room);
  const fixture = TestBed.createComponent(RecordingControls);
  fixture.detectChanges();
  return { room, http, service, fixture };
}
