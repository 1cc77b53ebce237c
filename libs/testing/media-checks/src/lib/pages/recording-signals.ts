/** When a test page logs the console messages a recorder listens to (as LiveKit's recording templates do). */
export interface RecordingSignals {
  /** `ready` (default): log `START_RECORDING` once the page draws and its sound runs; `never`: never log it. */
  startRecording?: 'ready' | 'never';
  /** Log `END_RECORDING` this long after `START_RECORDING`. */
  endRecordingAfterMs?: number;
}

/** Browser JavaScript (a function body taking `ready`, a Promise) that logs the two messages as asked. */
export function recordingSignalsScript(signals: RecordingSignals = {}): string {
  if (signals.startRecording === 'never') return '';
  const end = signals.endRecordingAfterMs;
  return `ready.then(() => {
    console.log('START_RECORDING');
    ${end === undefined ? '' : `setTimeout(() => console.log('END_RECORDING'), ${Math.max(0, Math.round(end))});`}
  });`;
}

/** Text that is safe inside an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
