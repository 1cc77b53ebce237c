/**
 * The page a browser participant runs: livekit-client (its UMD build, global `LivekitClient`) and a few lines
 * that join a room, publish fake media when asked, and report what the room does to Node through the
 * `__participantEvent` binding. Plain browser JavaScript, served as is.
 */
export const PARTICIPANT_PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>LiveKit test participant</title>
    <script src="/livekit-client.js"></script>
    <script src="/participant.js"></script>
  </head>
  <body></body>
</html>
`;

export const PARTICIPANT_SCRIPT = `
(() => {
  const { Room, RoomEvent } = window.LivekitClient;
  const report = (event) => window.__participantEvent(event);
  let room;

  window.participant = {
    async join(url, token, publish) {
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
      await room.connect(url, token);
      if (publish) {
        await room.localParticipant.setMicrophoneEnabled(true);
        await room.localParticipant.setCameraEnabled(true, { resolution: { width: 320, height: 180, frameRate: 15 } }, { simulcast: false });
      }
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
      return room ? room.disconnect() : undefined;
    },
  };
})();
`;
