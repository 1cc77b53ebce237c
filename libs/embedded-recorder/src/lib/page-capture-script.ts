/** What the capture in the page is asked to do. */
export interface PageCaptureOptions {
  width: number;
  height: number;
  fps: number;
  audioOnly: boolean;
  timesliceMs: number;
  videoBitsPerSecond: number;
  audioBitsPerSecond: number;
  keyFrameIntervalMs: number;
  /** Keep an invisible full-page compositor animation running so the capture yields `fps` frames a second. */
  keepFramesFlowing: boolean;
  /** At least this long between starting the tab capture and starting MediaRecorder. */
  settleMs: number;
}

/** What the page answers once MediaRecorder runs. */
export interface PageCaptureStarted {
  mimeType: string;
  /** Epoch ms at which MediaRecorder started: time zero of the file. */
  startedAt: number;
  video?: { width?: number; height?: number; frameRate?: number };
  audio?: { sampleRate?: number; channelCount?: number };
}

/** Something the page reports on its own, through the `__recorderEvent` binding. */
export interface PageCaptureEvent {
  type: 'error';
  message: string;
}

export const CHUNK_BINDING = '__recorderChunk';
export const EVENT_BINDING = '__recorderEvent';

/** Container and codecs MediaRecorder writes, best first; ffmpeg copies the H.264 and turns Opus into AAC. */
export const VIDEO_MIME_TYPES = ['video/webm;codecs=h264,opus', 'video/mp4;codecs=avc1.42E01E,opus'];
export const AUDIO_MIME_TYPES = ['audio/webm;codecs=opus'];

/**
 * Browser JavaScript run in the page being recorded (through the DevTools protocol, so the page's
 * Content-Security-Policy does not apply). It captures the page's own tab with `getDisplayMedia` (Chromium
 * accepts at once with `--auto-accept-this-tab-capture`), records it with MediaRecorder (Chromium's own H.264 and
 * Opus) and hands every chunk, in order, to Node through a binding, base64-encoded. Echo cancellation, noise
 * suppression and gain control are off (on, they cut a full-scale tone to a tenth) and the tab's sound is not
 * played locally. Exposes `window.__embeddedRecorder.prepare(options)` (the capture runs, nothing is recorded yet),
 * `.start()` (records, once the capture has settled) and `.stop()`.
 */
export const PAGE_CAPTURE_SCRIPT = `
(() => {
  if (window.__embeddedRecorder) return;
  const report = (message) => window.${EVENT_BINDING}({ type: 'error', message: String(message) }).catch(() => {});
  const toBase64 = (blob) => new Promise((resolve, reject) => {
    const reader = new FileReader();
    // The MIME type itself may hold commas ("codecs=h264,opus"): the data starts after ";base64,".
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(';base64,') + 8));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  let recorder, stream, keepAlive, queue = Promise.resolve(), sent = 0, stopping = false;

  // Preparing (the frame keeper, the tab capture, MediaRecorder built) runs while the page joins, before it says
  // START_RECORDING, so that the capture has settled by then; start() then records with the options prepared.
  let prepared;
  function prepare(o) {
    if (!prepared) prepared = prepareCapture(o);
    return prepared;
  }

  async function prepareCapture(o) {
    const mimeTypes = o.audioOnly ? ${JSON.stringify(AUDIO_MIME_TYPES)} : ${JSON.stringify(VIDEO_MIME_TYPES)};
    const mimeType = mimeTypes.find((type) => MediaRecorder.isTypeSupported(type));
    if (!mimeType) throw new Error('this Chromium records none of ' + mimeTypes.join(', '));
    if (!o.audioOnly && o.keepFramesFlowing) {
      // Tab capture samples the page's largest steadily animating region, at that region's own rate (Chromium's
      // AnimatedContentSampler), and a still page gives a frame a second. A full-page layer whose opacity steps
      // fps times a second becomes that region, so frames come at fps whatever the page does; at opacities of
      // 0.0005-0.001 it changes no pixel value (a test card keeps luma 16 and 235).
      keepAlive = document.createElement('div');
      Object.assign(keepAlive.style, {
        position: 'fixed', left: '0', top: '0', width: '100vw', height: '100vh',
        background: '#000', opacity: '0.0005', zIndex: '2147483647', pointerEvents: 'none',
      });
      document.documentElement.appendChild(keepAlive);
      keepAlive.animate([{ opacity: 0.0005 }, { opacity: 0.001 }], { duration: 1000, iterations: Infinity, easing: 'steps(' + o.fps + ')' });
    }
    stream = await navigator.mediaDevices.getDisplayMedia({
      video: { width: { ideal: o.width, max: o.width }, height: { ideal: o.height, max: o.height }, frameRate: { ideal: o.fps, max: o.fps } },
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, suppressLocalAudioPlayback: true },
      preferCurrentTab: true,
    });
    if (o.audioOnly) for (const track of stream.getVideoTracks()) { track.stop(); stream.removeTrack(track); }
    if (stream.getAudioTracks().length === 0) throw new Error('tab capture gave no sound track (is Chromium running with --mute-audio?)');
    for (const track of stream.getTracks()) {
      track.onended = () => { if (!stopping) report('the tab capture ' + track.kind + ' track ended'); };
    }
    recorder = new MediaRecorder(stream, {
      mimeType,
      videoBitsPerSecond: o.videoBitsPerSecond,
      audioBitsPerSecond: o.audioBitsPerSecond,
      videoKeyFrameIntervalDuration: o.keyFrameIntervalMs,
    });
    recorder.ondataavailable = (event) => {
      if (!event.data.size) return;
      const seq = sent++;
      queue = queue.then(() => toBase64(event.data)).then((data) => window.${CHUNK_BINDING}(seq, data)).catch((error) => report('a chunk was lost: ' + error));
    };
    recorder.onerror = (event) => report('MediaRecorder failed: ' + ((event.error && event.error.message) || event.error || 'unknown error'));
    return { o, mimeType, capturingSince: Date.now() };
  }

  async function start() {
    if (!prepared) throw new Error('start() before prepare()');
    const { o, mimeType, capturingSince } = await prepared;
    // Chromium locks onto an animation after watching it for a second; recording starts once it has.
    const settling = o.settleMs - (Date.now() - capturingSince);
    if (settling > 0) await new Promise((resolve) => setTimeout(resolve, settling));
    const startedAt = Date.now();
    recorder.start(o.timesliceMs);
    const video = stream.getVideoTracks()[0];
    const audio = stream.getAudioTracks()[0];
    return { mimeType: recorder.mimeType || mimeType, startedAt, video: video && video.getSettings(), audio: audio && audio.getSettings() };
  }

  function stop() {
    stopping = true;
    return new Promise((resolve) => {
      if (!recorder || recorder.state === 'inactive') return resolve(queue.then(() => sent));
      recorder.onstop = () => resolve(queue.then(() => sent));
      recorder.stop();
    }).then((chunks) => {
      stream.getTracks().forEach((track) => track.stop());
      if (keepAlive) keepAlive.remove();
      return chunks;
    });
  }

  window.__embeddedRecorder = { prepare, start, stop };
})();
`;
