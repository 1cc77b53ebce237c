import { LogLevel, RoomEvent, setLogLevel } from 'livekit-client';

import { LiveKitUnreachableError } from './call-session';
import { connectToLiveKit } from './livekit-call-session';

const options = { url: 'ws://127.0.0.1:9', token: 'not-a-real-token', roomName: 'Test Room', participantName: 'Alice' };

describe('connectToLiveKit (real livekit-client, no server)', () => {
  const globals = globalThis as { RTCPeerConnection?: unknown };
  beforeAll(() => setLogLevel(LogLevel.silent));
  afterEach(() => delete globals.RTCPeerConnection);

  it('says plainly when the browser has no WebRTC, instead of blaming the server', async () => {
    await expect(connectToLiveKit(options)).rejects.toThrow('This browser cannot make video calls');
  });

  it('reports an unreachable server with the URL it tried', async () => {
    // Just enough WebRTC for livekit-client to try the signalling connection (jsdom has none).
    globals.RTCPeerConnection = class {
      addTrack(): void {
        /* never called: the connection fails first */
      }
    };
    const attempt = connectToLiveKit(options);
    await expect(attempt).rejects.toBeInstanceOf(LiveKitUnreachableError);
    await expect(attempt).rejects.toMatchObject({ url: 'ws://127.0.0.1:9' });
  }, 20_000);

  it('uses the livekit-client event names the recording controls listen to', () => {
    expect(RoomEvent.RecordingStatusChanged).toBe('recordingStatusChanged');
    expect(RoomEvent.DataReceived).toBe('dataReceived');
  });
});
