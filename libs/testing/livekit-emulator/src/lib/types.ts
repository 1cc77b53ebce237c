/**
 * Public surface of the LiveKit emulator (test and demo support only — never the production path).
 * API integration tests and the browser end-to-end tests are written against these types.
 */

export interface EmulatorStorageOptions {
  /** Blob endpoint the emulated egress "uploads" to, e.g. `http://127.0.0.1:10000/devstoreaccount1`. */
  blobEndpoint: string;
  /** Account name/key of that endpoint. An egress request must name this account (real egress would fail otherwise). */
  accountName: string;
  accountKey: string;
}

export interface EmulatorTimingOptions {
  /** STARTING → ACTIVE delay once the room has a publisher (ms). Default 200. */
  activeAfterMs?: number;
  /** ENDING → upload → final status delay (ms). Default 200. */
  endingAfterMs?: number;
}

export interface LiveKitEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** API key → secret. Default `{ devkey: 'secret' }`. */
  keys?: Record<string, string>;
  /** Where signed webhooks go, and which key signs them (default: the first key). */
  webhook?: {
    urls: string[];
    apiKey?: string;
    /** Retries after a network error, 5xx or 429. Default 3 (LiveKit: 4 with 1–30 s backoff). */
    retries?: number;
    /** Backoff before the first retry, doubled for each further one (ms). Default 100. */
    retryDelayMs?: number;
    /** Timeout of one delivery attempt (ms). Default 5000. */
    timeoutMs?: number;
  };
  storage: EmulatorStorageOptions;
  timing?: EmulatorTimingOptions;
  /** Length of the MP4 written for a completed egress (seconds). Default 4. */
  recordingSeconds?: number;
  /**
   * Emulate only Egress, next to a real livekit-server: rooms, participants, data and metadata are the server's
   * (every non-Egress Twirp call is passed through to it), and each egress's recorder joins the real room as a
   * hidden participant with the `recorder` grant (headless Chromium), so the server reports the recording to
   * browsers itself. The server must accept the emulator's first key (default) or the key given here.
   */
  liveKitServer?: { url: string; apiKey?: string };
  /**
   * Real egress reports `location` without the container segment (livekit/egress#959). Default false
   * (copy the bug); true gives the correct URL.
   */
  locationWithContainer?: boolean;
}

export type OutageMode =
  /** Normal operation. */
  | 'none'
  /** Connections are refused (the HTTP server stops listening; the port stays reserved for recovery). */
  | 'refuse'
  /** Every Twirp call answers 503 `unavailable` `no response from servers`. */
  | 'unavailable'
  /** Requests are accepted and never answered. */
  | 'hang';

export type EgressStatusName =
  'EGRESS_STARTING' | 'EGRESS_ACTIVE' | 'EGRESS_ENDING' | 'EGRESS_COMPLETE' | 'EGRESS_FAILED' | 'EGRESS_ABORTED' | 'EGRESS_LIMIT_REACHED';

export interface EmulatedParticipant {
  sid: string;
  identity: string;
  name: string;
  /** Publishes tracks (an egress needs at least one publisher to become ACTIVE). */
  publisher: boolean;
  kind: 'STANDARD' | 'EGRESS';
}

export interface EmulatedRoom {
  sid: string;
  name: string;
  metadata: string;
  activeRecording: boolean;
  participants: EmulatedParticipant[];
}

export interface EmulatedEgress {
  egressId: string;
  roomName: string;
  roomId: string;
  status: EgressStatusName;
  /** Resolved blob name (`file_results[0].filename`). */
  filename: string;
  containerName: string;
  startedAtNs: bigint;
  endedAtNs: bigint;
  error: string;
  /** `error_code` (412 aborted, 400 upload failure), 0 otherwise. */
  errorCode?: number;
  /** `details`, e.g. `End reason: StopEgress API`. */
  details?: string;
  /** Bytes uploaded (`file_results[0].size`), 0 until COMPLETE. */
  size?: number;
  /** `file_results[0].location` (without the container unless `locationWithContainer`). */
  location?: string;
  /** `file_results[0].duration` in ns, 0 until the egress ends. */
  durationNs?: bigint;
  /** What the room composite request asked for: its layout, sound only, and custom template URL ('' when none). */
  layout?: string;
  audioOnly?: boolean;
  customBaseUrl?: string;
}

export interface WebhookDelivery {
  event: string;
  egressId?: string;
  egressStatus?: EgressStatusName;
  roomName?: string;
  url: string;
  /** HTTP status answered by the receiver, or 0 on a network error. */
  status: number;
  body: string;
  authorization: string;
  /** 'sent', 'dropped' (fault injection) or 'duplicate' (the second copy of a duplicated event). */
  kind: 'sent' | 'dropped' | 'duplicate';
  /** HTTP attempts made (retries included); 0 for a dropped event. One record is kept per event, URL and copy. */
  attempts?: number;
}

export interface SentDataPacket {
  room: string;
  topic: string;
  /** UTF-8 text of the payload. */
  payload: string;
  destinationIdentities: string[];
  /** 'RELIABLE' or 'LOSSY'. */
  kind?: 'RELIABLE' | 'LOSSY';
  /** Base64 of the raw payload bytes (the payload need not be UTF-8). */
  payloadBase64?: string;
}

export interface RoomMetadataUpdate {
  room: string;
  metadata: string;
}

export interface WebhookFaults {
  /** Drop (never deliver) events whose name is listed, e.g. `['egress_ended']`. */
  drop?: string[];
  /** Deliver every event twice. */
  duplicate?: boolean;
  /** Deliver each egress's events in reverse order of their emission (held until the egress ends). */
  reverseOrder?: boolean;
  /** Hold each event this long before delivering it (a busy server's queue; order per egress is kept). */
  delayMs?: number;
}
