const MIB = 1024 * 1024;

/**
 * How much work each benchmark does. Every loop here is bounded by a count or a duration, and the whole
 * run (build excluded) stays near a minute on a 2-core machine.
 */
export const WORKLOAD = {
  library: {
    /** One recording of about two hours of 720p room composite: big enough that buffering would show. */
    streamedRecordingBytes: 256 * MIB,
    recordings: 2_000,
    rooms: 40,
    /** Blobs of other applications in the shared container, outside the recordings path. */
    foreignBlobs: 150,
    /** Blobs under the recordings path that are not recordings (manifests, notes, nested folders). */
    strayBlobs: 30,
    seedConcurrency: 16,
  },
  streaming: {
    clients: 8,
    /** Slow viewers: each reads this much, then stops reading for `stallMs` before leaving. */
    stalledClients: 4,
    stallAfterBytes: 8 * MIB,
    stallMs: 3_000,
    timeoutMs: 60_000,
  },
  seeking: {
    connections: 8,
    durationSeconds: 6,
    closedRangeBytes: 64 * 1024,
  },
  listing: {
    /** A few people opening the recordings page at once. */
    connections: 4,
    durationSeconds: 8,
    pageSize: 50,
  },
  head: {
    connections: 8,
    durationSeconds: 5,
  },
  token: {
    connections: 8,
    durationSeconds: 5,
  },
} as const;
