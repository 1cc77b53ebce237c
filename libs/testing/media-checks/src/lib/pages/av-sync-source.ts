import { escapeHtml, RecordingSignals, recordingSignalsScript } from './recording-signals';

/**
 * The A/V sync source as browser JavaScript (a classic script, no modules): it defines
 * `window.avSyncSource.start(options)`, which makes a canvas flash white and a tone beep at the same instants,
 * once a period, both timed by one `AudioContext` clock. Chromium's file-backed fake camera falls behind when
 * the CPU is short, so a page like this, not a fake device, is the reference for sync.
 *
 * `start({ canvas, flashElement?, audioContext?, toSpeakers = true, periodS = 1, flashS = 0.12, beepS = 0.1,
 * toneHz = 1000, level = 0.5, frameRate = 30 })` returns `{ stream, audioContext, stop() }`:
 * - rendered directly (a recorder captures the tab): `toSpeakers: true` and a `flashElement` covering the page.
 *   The flash is then that element's opacity, run by the compositor (a Web Animation whose start time is put on
 *   the audio clock through `getOutputTimestamp`, re-aligned every 250 ms), so a busy main thread cannot delay
 *   it — as a remote participant's video, which the compositor also shows without the main thread.
 * - in a participant page that publishes into LiveKit: publish `stream` (the canvas's `captureStream` track and a
 *   `MediaStreamAudioDestinationNode` track), usually with `toSpeakers: false`; the flash then follows the
 *   context's render clock, which feeds that destination.
 * The canvas is redrawn when the flash starts or ends (unless a `flashElement` flashes instead) and at
 * `frameRate` otherwise (a small marker moves, so the picture never stands still).
 */
export const AV_SYNC_SOURCE_SCRIPT = `
(() => {
  'use strict';
  function start(options) {
    const o = Object.assign(
      { toSpeakers: true, periodS: 1, flashS: 0.12, beepS: 0.1, toneHz: 1000, level: 0.5, frameRate: 30 },
      options,
    );
    const canvas = o.canvas;
    const g = canvas.getContext('2d');
    const audio = o.audioContext || new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = o.toneHz;
    const gate = audio.createGain();
    gate.gain.value = 0;
    tone.connect(gate);
    const destination = audio.createMediaStreamDestination();
    gate.connect(destination);
    if (o.toSpeakers) gate.connect(audio.destination);
    tone.start();

    // The first beep leaves room for the context to start; every later one is a whole number of periods on.
    const firstS = audio.currentTime + 0.5;
    let next = 0;
    const schedule = () => {
      while (firstS + next * o.periodS < audio.currentTime + 2) {
        const at = firstS + next * o.periodS;
        gate.gain.setValueAtTime(o.level, at);
        gate.gain.setValueAtTime(0, at + o.beepS);
        next++;
      }
    };
    const audioNow = () => {
      if (o.toSpeakers && audio.getOutputTimestamp) {
        const stamp = audio.getOutputTimestamp();
        if (stamp.performanceTime) return stamp.contextTime + (performance.now() - stamp.performanceTime) / 1000;
      }
      return audio.currentTime;
    };

    let flashAnimation = null;
    const alignFlashElement = () => {
      const stamp = audio.getOutputTimestamp ? audio.getOutputTimestamp() : {};
      if (!o.flashElement || audio.state !== 'running' || !stamp.performanceTime) return;
      const firstAt = stamp.performanceTime + (firstS - stamp.contextTime) * 1000;
      if (!flashAnimation) {
        const on = o.flashS / o.periodS;
        flashAnimation = o.flashElement.animate(
          [{ opacity: 1 }, { opacity: 1, offset: on }, { opacity: 0, offset: on }, { opacity: 0 }],
          { duration: o.periodS * 1000, iterations: Infinity },
        );
      }
      if (flashAnimation.startTime === null || Math.abs(flashAnimation.startTime - firstAt) > 2) flashAnimation.startTime = firstAt;
    };

    let flashing = null;
    let frame = 0;
    let drawnAt = 0;
    const draw = () => {
      const since = audioNow() - firstS;
      const flash = !o.flashElement && since >= 0 && since % o.periodS < o.flashS;
      const now = performance.now();
      if (flash === flashing && now - drawnAt < 1000 / o.frameRate) return;
      flashing = flash;
      drawnAt = now;
      frame++;
      g.fillStyle = flash ? '#ffffff' : '#000000';
      g.fillRect(0, 0, canvas.width, canvas.height);
      const size = Math.max(4, Math.round(canvas.height / 60));
      g.fillStyle = '#404040';
      g.fillRect((frame * size) % canvas.width, canvas.height - 2 * size, size, size);
    };
    schedule();
    draw();
    // Timers, not requestAnimationFrame: rAF slows to a few per second for a page that is not in front.
    const scheduler = setInterval(() => {
      schedule();
      alignFlashElement();
    }, 250);
    const drawer = setInterval(draw, 4);
    const video = canvas.captureStream(o.frameRate);
    const stream = new MediaStream([...video.getVideoTracks(), ...destination.stream.getAudioTracks()]);
    return {
      stream,
      audioContext: audio,
      firstBeepContextTime: firstS,
      stop() {
        clearInterval(scheduler);
        clearInterval(drawer);
        if (flashAnimation) flashAnimation.cancel();
        tone.stop();
        stream.getTracks().forEach((track) => track.stop());
      },
    };
  }
  window.avSyncSource = { start };
})();
`;

export interface AvSyncPageOptions extends RecordingSignals {
  title?: string;
  periodS?: number;
  toneHz?: number;
}

/**
 * A page that is the sync source itself, full window (the recorder captures it directly). It needs Chromium's
 * `--autoplay-policy=no-user-gesture-required`. `START_RECORDING` follows once the sound runs.
 */
export function avSyncPage(options: AvSyncPageOptions = {}): string {
  const settings = JSON.stringify({ periodS: options.periodS ?? 1, toneHz: options.toneHz ?? 1000 });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title ?? 'A/V sync source')}</title>
<style>
  html, body { margin: 0; height: 100%; overflow: hidden; background: #000; }
  canvas { display: block; }
  #flash { position: fixed; inset: 0; background: #fff; opacity: 0; }
</style>
</head>
<body>
<canvas id="sync"></canvas>
<div id="flash"></div>
<script>${AV_SYNC_SOURCE_SCRIPT}</script>
<script>
(() => {
  const canvas = document.getElementById('sync');
  canvas.width = window.innerWidth;
  canvas.height = window.innerHeight;
  const flashElement = document.getElementById('flash');
  const source = window.avSyncSource.start(Object.assign({ canvas, flashElement, toSpeakers: true }, ${settings}));
  window.syncSource = source;
  // Ready once the flash runs on the audio clock (the output timestamps need the context running).
  const ready = source.audioContext.resume().then(() => new Promise((resolve) => {
    const check = setInterval(() => {
      if (flashElement.getAnimations().length === 0) return;
      clearInterval(check);
      resolve();
    }, 50);
  }));
  ${recordingSignalsScript(options)}
})();
</script>
</body>
</html>
`;
}
