/**
 * How much ffmpeg one API process may run: ffmpeg parses files from a container other applications may write to,
 * so every run is bounded in number and time whatever the file holds. Not settings: tests shorten them
 * (`createApp({ mediaLimits })`) to prove them.
 */
export interface MediaLimits {
  /** ffmpeg processes alive at once in this process; posters are made once per recording, so a few suffice. */
  readonly maxConcurrentRuns: number;
  /** How long a run waits for a free slot before its request answers 503 (busy). */
  readonly slotWaitMs: number;
  /** A run still going after this is killed: an intact recording gives its frame in well under a second. */
  readonly runTimeoutMs: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = { maxConcurrentRuns: 2, slotWaitMs: 15_000, runTimeoutMs: 30_000 };

export const MEDIA_LIMITS = Symbol('MEDIA_LIMITS');
