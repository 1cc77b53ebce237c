const MIB = 1024 * 1024;

/**
 * How much work each benchmark does. Every loop is bounded by a count or a duration; the whole run
 * (build excluded) stays within a few minutes on a 2-core machine.
 */
export const WORKLOAD = {
  recording: {
    /** About two hours of 720p room composite: big enough that buffering or a slow path would show. */
    bytes: 256 * MIB,
    /** RECORDING_FILE_PORTION_SIZE, the contract's default: what the API answers to `bytes=N-`. */
    portionBytes: 5 * MIB,
  },
  streaming: {
    /** Direct and API alternate, so a noisy moment hits both; the medians are reported. */
    rounds: 5,
  },
  viewers: {
    count: 50,
    /** Each starts at a random place and plays this many portions, as one would who watches a part. */
    portionsEach: 4,
    rounds: 3,
  },
  stalled: {
    clients: 4,
    afterBytes: 8 * MIB,
    forMs: 3_000,
  },
  library: {
    /** 20 recordings per room at both sizes, so one room's list answers the same while the library grows. */
    recordingsPerRoom: 20,
    smallRooms: 50,
    largeRooms: 500,
    /** Blobs of other applications in the shared container, outside the recordings path. */
    foreignBlobs: 150,
    /** Blobs under the recordings path that are not recordings (manifests, notes, nested folders). */
    strayBlobs: 30,
    seedConcurrency: 32,
  },
  listing: {
    /** Requests one after the other (latency, not throughput), bounded by count and by time. */
    samples: 40,
    secondsPerQuery: 5,
    pageSize: 50,
    roomRecordings: 20,
  },
  startStop: {
    iterations: 30,
  },
  recorder: {
    /**
     * The matrix: participants in the room × the recorder's picture (RECORDER_VIDEO). Each participant publishes
     * Chromium's fake camera at that size and rate, one layer (no simulcast), as a call without simulcast sends.
     */
    participants: [1, 2, 4],
    videos: ['1280x720@30', '640x360@15'],
    /** Recorded per cell, from `active` to the stop request: long enough for steady figures, the matrix bounded. */
    recordSeconds: 50,
    /** /proc is read this often: CPU of each group of processes, the recorder's memory over time. */
    sampleEveryMs: 2_000,
    /** Memory slopes leave out the first seconds, while Chromium fills its caches. */
    warmUpS: 10,
    /** One participant publishing the A/V sync source, recorded at the default picture for this long. */
    sync: { seconds: 300, windowS: 60, video: '1280x720@30' },
  },
} as const;
