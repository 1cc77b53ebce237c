import { RelativeRegion } from '../frame-region';
import { escapeHtml, RecordingSignals, recordingSignalsScript } from './recording-signals';

export interface TestCardOptions extends RecordingSignals {
  title?: string;
  /** Frequency of the page's tone (Web Audio, half of full scale); `null` for a silent page. Default 440 Hz. */
  toneHz?: number | null;
  /** A running clock and a sweeping bar (default); `false` leaves the page still, as a room with cameras off. */
  motion?: boolean;
}

/**
 * Where the test card's areas are, in fractions of the picture, inset from their edges so a sample never
 * touches a neighbour (scaling and chroma subsampling blur the borders).
 */
export const TEST_CARD_REGIONS: Record<'black' | 'white' | 'red' | 'green' | 'blue', RelativeRegion> = {
  black: { left: 0.03, top: 0.05, width: 0.19, height: 0.4 },
  white: { left: 0.28, top: 0.05, width: 0.19, height: 0.4 },
  red: { left: 0.52, top: 0.05, width: 0.12, height: 0.4 },
  green: { left: 0.69, top: 0.05, width: 0.12, height: 0.4 },
  blue: { left: 0.86, top: 0.05, width: 0.12, height: 0.4 },
};

/**
 * A test card: black, white, red, green and blue areas over the top half, a grey bottom half with a running
 * clock and a sweeping bar, and a tone from Web Audio. It fills any viewport. The tone needs Chromium's
 * `--autoplay-policy=no-user-gesture-required` (the page never gets a click).
 */
export function testCardPage(options: TestCardOptions = {}): string {
  const motion = options.motion ?? true;
  const toneHz = options.toneHz === undefined ? 440 : options.toneHz;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title ?? 'Test card')}</title>
<style>
  html, body { margin: 0; height: 100%; overflow: hidden; background: #808080; }
  .area { position: fixed; top: 0; height: 50%; }
  #black { left: 0; width: 25%; background: #000; }
  #white { left: 25%; width: 25%; background: #fff; }
  #red { left: 50%; width: 16.667%; background: #f00; }
  #green { left: 66.667%; width: 16.667%; background: #0f0; }
  #blue { left: 83.333%; width: 16.667%; background: #00f; }
  #clock { position: fixed; left: 4%; top: 58%; font: bold 14vh monospace; color: #fff; }
  #sweep { position: fixed; left: 0; bottom: 4%; width: 5%; height: 10%; background: #ff0; }
  .moving #sweep { animation: sweep 2s linear infinite; }
  @keyframes sweep { from { transform: translateX(0); } to { transform: translateX(1900%); } }
</style>
</head>
<body class="${motion ? 'moving' : 'still'}">
<div class="area" id="black"></div><div class="area" id="white"></div>
<div class="area" id="red"></div><div class="area" id="green"></div><div class="area" id="blue"></div>
<div id="clock">00:00.0</div><div id="sweep"></div>
<script>
(() => {
  const started = performance.now();
  const clock = document.getElementById('clock');
  const tick = () => {
    const tenths = Math.floor((performance.now() - started) / 100);
    clock.textContent = String(Math.floor(tenths / 600)).padStart(2, '0') + ':' +
      String(Math.floor(tenths / 10) % 60).padStart(2, '0') + '.' + (tenths % 10);
  };
  if (${motion}) setInterval(tick, 50);
  let ready = Promise.resolve();
  const toneHz = ${toneHz === null ? 'null' : Number(toneHz)};
  if (toneHz !== null) {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = toneHz;
    const gain = audio.createGain();
    gain.gain.value = 0.5;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    ready = audio.resume();
    window.testCardAudio = audio;
  }
  ready = ready.then(() => new Promise((resolve) => setTimeout(resolve, 100)));
  ${recordingSignalsScript(options)}
})();
</script>
</body>
</html>
`;
}
