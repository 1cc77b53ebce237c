/**
 * The page a browser participant runs: livekit-client (its UMD build, global `LivekitClient`), the A/V sync source
 * of media-checks, and a few lines that join a room, publish when asked (Chromium's fake camera and microphone, or
 * the sync source's flashing canvas and beeping tone), and report what the room does to Node through the
 * `__participantEvent` binding. Plain browser JavaScript, served as is.
 */
export const PARTICIPANT_PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>LiveKit test participant</title>
    <script src="/livekit-client.js"></script>
    <script src="/av-sync-source.js"></script>
    <script src="/participant.js"></script>
  </head>
  <body></body>
</html>
`;

export const PARTICIPANT_SCRIPT = `
(() => {
  const { Room, RoomEvent, Track } = window.LivekitClient;
  const report = (event) => window.__participantEvent(event);
  let room;
  let syncSource;

  // One layer, no simulcast: what the recorder receives is what was published.
  async function publishCamera(local, video) {
    await local.setMicrophoneEnabled(true);
    await local.setCameraEnabled(true, { resolution: { width: video.width, height: video.height, frameRate: video.frameRate } }, { simulcast: false });
  }

  // The sync source's canvas and tone, both timed by one AudioContext, published as camera and microphone.
  async function publishSyncSource(local, video) {
    const canvas = document.createElement('canvas');
    canvas.width = video.width;
    canvas.height = video.height;
    syncSource = window.avSyncSource.start({ canvas, toSpeakers: false, frameRate: video.frameRate });
    await syncSource.audioContext.resume();
    const [videoTrack] = syncSource.stream.getVideoTracks();
    const [audioTrack] = syncSource.stream.getAudioTracks();
    // No DTX: the silence between beeps must stay silence, not comfort noise switched on and off.
    await local.publishTrack(audioTrack, { source: Track.Source.Microphone, dtx: false });
    await local.publishTrack(videoTrack, { source: Track.Source.Camera, simulcast: false });
  }

  window.participant = {
    async join(url, token, options) {
      room = new Room({ adaptiveStream: false, dynacast: false });
      room
        .on(RoomEvent.RecordingStatusChanged, (recording) => report({ type: 'recordingStatusChanged', recording }))
        .on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) =>
          report({ type: 'dataReceived', topic, payload: new TextDecoder().decode(payload) }))
        .on(RoomEvent.RoomMetadataChanged, (metadata) => report({ type: 'roomMetadataChanged', metadata }))
        .on(RoomEvent.ParticipantConnected, (p) => report({ type: 'participantConnected', identity: p.identity }))
        .on(RoomEvent.ParticipantDisconnected, (p) => report({ type: 'participantDisconnected', identity: p.identity }))
        .on(RoomEvent.TrackSubscribed, (track, _publication, p) =>
          report({ type: 'trackSubscribed', identity: p.identity, kind: track.kind }))
        .on(RoomEvent.Disconnected, (reason) => report({ type: 'disconnected', reason: reason === undefined ? undefined : String(reason) }));
      await room.connect(url, token, { autoSubscribe: options.autoSubscribe });
      const publish = options.publish;
      if (publish && publish.source === 'av-sync') await publishSyncSource(room.localParticipant, publish.video);
      else if (publish) await publishCamera(room.localParticipant, publish.video);
      return { identity: room.localParticipant.identity, sid: await room.getSid() };
    },
    state() {
      return {
        connection: room ? room.state : 'new',
        isRecording: room ? room.isRecording : false,
        metadata: room ? room.metadata || '' : '',
        remote: room
          ? [...room.remoteParticipants.values()].map((p) => ({
              identity: p.identity,
              name: p.name || '',
              tracks: [...p.trackPublications.values()].map((t) => ({ kind: t.kind, subscribed: t.isSubscribed, muted: t.isMuted })),
            }))
          : [],
      };
    },
    setCamera(enabled) {
      return room.localParticipant.setCameraEnabled(enabled).then(() => undefined);
    },
    leave() {
      if (syncSource) syncSource.stop();
      return room ? room.disconnect() : undefined;
    },
  };
})();
`;
