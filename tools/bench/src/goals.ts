import { MetricId } from './metrics';

/** What a goal bounds: the figure through the API, its ratio to direct access, or its overhead over it. */
export interface Goal {
  on: 'api' | 'ratio' | 'overhead';
  atLeast?: number;
  atMost?: number;
  /** Why this bound: the reason is part of the goal. */
  why: string;
}

/**
 * The goals `npm run bench` checks, all in one place. Streaming goals are ratios to storage accessed
 * directly in the same run, so that a shared or slow machine moves both sides alike; the rest are
 * bounds that hold on the project's machine (2 cores, Node 24) with room for its noise.
 */
export const GOALS: Partial<Record<MetricId, Goal>> = {
  'full.throughput': {
    on: 'ratio',
    atLeast: 0.9,
    why: 'A download through the API must run at storage speed: the server may add next to nothing on top of the storage it streams from.',
  },
  'sequence.throughput': {
    on: 'ratio',
    atLeast: 0.6,
    why:
      'This is what a <video> does while it plays, so it is the figure users feel. Storage answers the whole rest in one request, the ' +
      'API one portion per request, so each request may cost one storage round trip at most.',
  },
  'directMode.throughput': {
    on: 'ratio',
    atLeast: 0.85,
    why:
      'With RECORDINGS_PLAYBACK=direct the API leaves the data path: the same reads from storage, after one small GET /url ' +
      '(measured 0.86-1.6x of the direct sequence, the spread being the machine’s noise on identical reads).',
  },
  'directMode.urlLatency': {
    on: 'api',
    atMost: 20,
    why: 'The player waits for it before its first byte; it is one storage round trip (does the recording exist?) and an HMAC.',
  },
  'viewers.memoryGrowth': {
    on: 'api',
    atMost: 150,
    why: 'Many people watching at once must cost per-stream buffers, never memory in proportion to the bytes in flight (1 GiB here).',
  },
  'stalled.memoryGrowth': {
    on: 'api',
    atMost: 128,
    why:
      'The sharp "never buffer" proof: a viewer who stops reading must stop the storage download (backpressure). Without it the API ' +
      'would pull the rest of the files in, about 1 GB in this phase.',
  },
  'list.room.large': {
    on: 'api',
    atMost: 50,
    why: 'The recordings of the room you are in: it reads storage by prefix, so it costs the same in a small or a huge library.',
  },
  'list.room.growth': {
    on: 'ratio',
    atMost: 1.5,
    why:
      'Flat as the library grows: ten times the recordings may cost no more than storage itself takes more for the same listing ' +
      '(Azurite scans its whole container for any prefix; Azure does not).',
  },
  'list.page.large': {
    on: 'api',
    atMost: 100,
    why: 'The all-recordings page opens with it; it must come from an index storage keeps ordered, never from sorting every blob.',
  },
  'list.page.growth': {
    on: 'ratio',
    atMost: 1.5,
    why:
      'Flat as the library grows: a page from the index grows only as much as a page of blobs does in storage itself; sorting every ' +
      'recording per request grew ten times here.',
  },
  'startStop.start': {
    on: 'overhead',
    atMost: 50,
    why:
      'Starting a recording must feel instant: the API adds its checks (room, participants, one per room, lock) to LiveKit’s own ' +
      'time. 50 ms is far below what a person notices next to egress start-up itself, and leaves the simplest code (no caches).',
  },
  'startStop.stop': {
    on: 'overhead',
    atMost: 50,
    why: 'Stopping must feel instant too: the lock and the lookup of the active egress on top of LiveKit’s own time.',
  },
  failures: { on: 'api', atMost: 0, why: 'Numbers about wrong answers are worthless: every answer must be the expected one.' },
};

/** A figure of one recording made by the embedded recorder (see recorder/recorder-report.ts for how each is read). */
export type RecorderFigure =
  | 'cpuCores'
  | 'longestGapMs'
  | 'durationErrorMs'
  | 'stopToListedMs'
  | 'memorySlopeMBPerMin'
  | 'syncStartMedianMs'
  | 'syncStartEarliestMs'
  | 'syncStartLatestMs'
  | 'syncEndMedianMs'
  | 'syncEndEarliestMs'
  | 'syncEndLatestMs';

export interface RecorderGoal {
  figure: RecorderFigure;
  /** Which recordings it bounds: every one, the long A/V sync run, or one cell of the matrix. */
  appliesTo: 'every recording' | 'sync' | { participants: number; video: string };
  atLeast?: number;
  atMost?: number;
  why: string;
}

const BT1359 =
  'ITU-R BT.1359: viewers detect sound that leads the picture by more than 45 ms or lags it by more than 125 ms. ' +
  'The source flashes and beeps from one audio clock, so any offset is the path’s: publishing, LiveKit, the template, capture.';

/**
 * The embedded recorder's goals. It records in real time on the API's machine, so these are absolute bounds on one
 * machine; the report prints the load average beside each recording.
 */
export const RECORDER_GOALS: RecorderGoal[] = [
  {
    figure: 'cpuCores',
    appliesTo: { participants: 2, video: '1280x720@30' },
    atMost: 1,
    why:
      'A two-person call at 1280×720@30 must record on at most one core, so a small machine can host the app and record: ' +
      'LiveKit Egress reserves several CPUs for each room composite it records.',
  },
  {
    figure: 'longestGapMs',
    appliesTo: 'every recording',
    atMost: 100,
    why: 'No hole a viewer sees: 100 ms is one missed frame at 15 fps, two at 30 fps.',
  },
  {
    figure: 'durationErrorMs',
    appliesTo: 'every recording',
    atLeast: 0,
    atMost: 1_500,
    why:
      'The file must hold the whole time the room showed the recording as active (never less: that would be lost media) and ' +
      'little more: capture starts before `active` is reported (after the first 0.5 s chunk reaches ffmpeg) and ends after the ' +
      'stop request reaches the page.',
  },
  {
    figure: 'stopToListedMs',
    appliesTo: 'every recording',
    atMost: 10_000,
    why:
      'Whoever stops a recording looks for it in the list next: it must be there within seconds (the page is stopped, ffmpeg ' +
      'finishes, the file is remuxed moov-first and uploaded in blocks).',
  },
  {
    figure: 'memorySlopeMBPerMin',
    appliesTo: 'sync',
    atMost: 3,
    why:
      'Memory stays flat over a long recording: nothing may be kept in proportion to what was recorded (the media alone comes to ' +
      '21 MB a minute at 2.8 Mbit/s). Slope of the recorder’s PSS after a 10 s warm-up.',
  },
  { figure: 'syncStartMedianMs', appliesTo: 'sync', atLeast: -45, atMost: 125, why: `First minute. ${BT1359}` },
  { figure: 'syncStartEarliestMs', appliesTo: 'sync', atLeast: -45, why: 'First minute, the earliest sound: BT.1359’s 45 ms.' },
  { figure: 'syncStartLatestMs', appliesTo: 'sync', atMost: 125, why: 'First minute, the latest sound: BT.1359’s 125 ms.' },
  { figure: 'syncEndMedianMs', appliesTo: 'sync', atLeast: -45, atMost: 125, why: `Last minute: drift would show here. ${BT1359}` },
  { figure: 'syncEndEarliestMs', appliesTo: 'sync', atLeast: -45, why: 'Last minute, the earliest sound: BT.1359’s 45 ms.' },
  { figure: 'syncEndLatestMs', appliesTo: 'sync', atMost: 125, why: 'Last minute, the latest sound: BT.1359’s 125 ms.' },
];
