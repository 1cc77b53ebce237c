import { EgressInfo, EgressStatus } from 'livekit-server-sdk';

/** The SDK does not export FileInfo by name. */
type FileInfo = EgressInfo['fileResults'][number];

/** Where an egress is in its life: LiveKit's EgressStatus in the project's words. */
export type EgressPhase = 'starting' | 'active' | 'ending' | 'complete' | 'failed' | 'aborted' | 'limit_reached';

/** The file an egress writes, once it has named it. Times in epoch ms. */
export interface EgressFileResult {
  /** The object key in the bucket/container, e.g. `recordings/RoomComposite-….mp4`. */
  filename: string;
  startedAt?: number;
  endedAt?: number;
  durationMs?: number;
  sizeBytes?: number;
}

/** What the egress was asked for, as far as LiveKit echoes the request. */
export type EgressRequestEcho = { kind: 'room-composite'; filepath?: string } | { kind: 'other' };

/** One egress as LiveKit last reported it (the API, a stop, or a webhook). Times in epoch ms. */
export interface EgressSnapshot {
  egressId: string;
  roomName: string;
  roomId: string;
  status: EgressPhase;
  startedAt?: number;
  endedAt?: number;
  updatedAt?: number;
  /** Why it failed or was aborted, in LiveKit's words. */
  error?: string;
  file?: EgressFileResult;
  /** Undefined when the server echoes no request at all (some servers are terse). */
  request?: EgressRequestEcho;
}

const PHASE_BY_STATUS: Record<EgressStatus, EgressPhase> = {
  [EgressStatus.EGRESS_STARTING]: 'starting',
  [EgressStatus.EGRESS_ACTIVE]: 'active',
  [EgressStatus.EGRESS_ENDING]: 'ending',
  [EgressStatus.EGRESS_COMPLETE]: 'complete',
  [EgressStatus.EGRESS_FAILED]: 'failed',
  [EgressStatus.EGRESS_ABORTED]: 'aborted',
  [EgressStatus.EGRESS_LIMIT_REACHED]: 'limit_reached',
};

/** Epoch ms of a LiveKit nanosecond timestamp; undefined when unset. */
function epochMsOf(nanoseconds: bigint | undefined): number | undefined {
  return nanoseconds && nanoseconds > 0n ? Number(nanoseconds / 1_000_000n) : undefined;
}

export function egressSnapshotOf(info: EgressInfo): EgressSnapshot {
  return {
    egressId: info.egressId,
    roomName: info.roomName,
    roomId: info.roomId,
    // A status this SDK does not know yet is treated as the end of the egress.
    status: PHASE_BY_STATUS[info.status] ?? 'failed',
    startedAt: epochMsOf(info.startedAt),
    endedAt: epochMsOf(info.endedAt),
    updatedAt: epochMsOf(info.updatedAt),
    error: info.error || undefined,
    file: fileResultOf(info.fileResults[0] ?? (info.result.case === 'file' ? info.result.value : undefined)),
    request: requestEchoOf(info),
  };
}

function fileResultOf(file: FileInfo | undefined): EgressFileResult | undefined {
  if (!file?.filename) return undefined;
  return {
    filename: file.filename,
    startedAt: epochMsOf(file.startedAt),
    endedAt: epochMsOf(file.endedAt),
    durationMs: file.duration > 0n ? Number(file.duration / 1_000_000n) : undefined,
    sizeBytes: file.size > 0n ? Number(file.size) : undefined,
  };
}

function requestEchoOf(info: EgressInfo): EgressRequestEcho | undefined {
  if (info.request.case === undefined) return undefined;
  if (info.request.case !== 'roomComposite') return { kind: 'other' };
  const request = info.request.value;
  const filepath = request.fileOutputs[0]?.filepath ?? (request.output.case === 'file' ? request.output.value.filepath : undefined);
  return { kind: 'room-composite', filepath };
}
