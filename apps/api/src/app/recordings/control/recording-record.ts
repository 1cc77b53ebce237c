import { RECORDING_STATUSES, RecordingLayout, recordingNameFor, RecordingStatus } from '@recording/contracts';

import { egressProgressOf, OwnedEgress } from './egress-recording';

/**
 * What the API knows about one recording (one egress), stored beside the recordings so that every replica, a
 * restarted one too, decides the same: which LiveKit news is new, who started and stopped it, how it ended.
 * Times in epoch ms.
 */
export interface RecordingRecord {
  egressId: string;
  roomName: string;
  roomId: string;
  name: string;
  status: RecordingStatus;
  /** LiveKit's `updated_at` of the newest news applied (or when the API decided itself). */
  updatedAt: number;
  /** When egress was started. */
  startedAt: number;
  /** When the file began (the egress became active). */
  recordingStartedAt?: number;
  endedAt?: number;
  durationMs?: number;
  sizeBytes?: number;
  startedBy?: string;
  stoppedBy?: string;
  /** How it arranges the room (the last layout asked for), and whether it records sound only. */
  layout?: RecordingLayout;
  audioOnly?: boolean;
  /** Why it failed or was aborted, in LiveKit's words or the API's. */
  error?: string;
}

/** What the API adds to LiveKit's word about an egress. */
export interface RecordingFacts {
  startedBy?: string;
  stoppedBy?: string;
  /** The layout asked for at the start, or since (a change of layout is not news of progress, but it is kept). */
  layout?: RecordingLayout;
  audioOnly?: boolean;
  /** The API gave up on it (it never started): reported as failed with this reason, whatever LiveKit says. */
  failure?: string;
}

export interface RecordChange {
  record: RecordingRecord;
  /** The recording moved on: everyone must hear of it (once). */
  news: boolean;
}

export function isEnded(status: RecordingStatus): boolean {
  return egressProgressOf(status) === egressProgressOf('complete');
}

/** Only a recording that is still starting or recording can be stopped (or blocks a new start). */
export function isStoppable(status: RecordingStatus): boolean {
  return status === 'starting' || status === 'active';
}

/**
 * The record after LiveKit's latest word about the egress; undefined when nothing changes. A recording only ever
 * moves forward (starting → active → ending → an end), so a repeated or late report is no news whichever replica
 * receives it, and the first end reported is final (the API's own failure included).
 */
export function nextRecord(
  current: RecordingRecord | undefined,
  egress: OwnedEgress,
  facts: RecordingFacts,
  now: number,
): RecordChange | undefined {
  const { info } = egress;
  const status: RecordingStatus = facts.failure ? 'failed' : info.status;
  const news = !current || egressProgressOf(status) > egressProgressOf(current.status);
  if (!news) {
    const kept = {
      startedBy: current.startedBy ?? facts.startedBy,
      stoppedBy: current.stoppedBy ?? facts.stoppedBy,
      layout: facts.layout ?? current.layout,
      audioOnly: current.audioOnly ?? facts.audioOnly,
    };
    if (Object.entries(kept).every(([field, value]) => current[field as keyof typeof kept] === value)) return undefined;
    return { record: withoutUndefined({ ...current, ...kept }), news: false };
  }
  const startedAt = current?.startedAt ?? info.startedAt ?? now;
  const roomName = info.roomName || current?.roomName || '';
  const roomId = info.roomId || current?.roomId || '';
  const record: RecordingRecord = {
    egressId: info.egressId,
    roomName,
    roomId,
    name: egress.name ?? current?.name ?? recordingNameFor(roomName, startedAt, roomId),
    status,
    updatedAt: Math.max(current?.updatedAt ?? 0, info.updatedAt ?? now),
    startedAt,
    recordingStartedAt: info.file?.startedAt ?? current?.recordingStartedAt,
    endedAt: info.file?.endedAt ?? info.endedAt ?? current?.endedAt,
    durationMs: info.file?.durationMs ?? current?.durationMs,
    sizeBytes: info.file?.sizeBytes ?? current?.sizeBytes,
    startedBy: current?.startedBy ?? facts.startedBy,
    stoppedBy: current?.stoppedBy ?? facts.stoppedBy,
    layout: facts.layout ?? current?.layout,
    audioOnly: current?.audioOnly ?? facts.audioOnly,
    error: facts.failure ?? info.error ?? current?.error,
  };
  return { record: withoutUndefined(record), news: true };
}

/** Ended records are forgotten when LiveKit forgets their egress (a day after it ended): no late news can come. */
export const ENDED_RECORD_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The records of recordings that ended longer ago than the retention (by when their record was last written). */
export function recordsToForget<T extends { status: RecordingStatus; lastModified: Date }>(records: T[], now: number): T[] {
  return records.filter((record) => isEnded(record.status) && record.lastModified.getTime() < now - ENDED_RECORD_RETENTION_MS);
}

/** The recording's start as best known: when the file began, else when egress was asked to start. */
export function recordingStartOf(record: RecordingRecord): number {
  return record.recordingStartedAt ?? record.startedAt;
}

/** Reads a stored record; undefined for anything that is not one (never trusted blindly: the container is shared). */
export function parseRecord(text: string): RecordingRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<RecordingRecord>;
  const strings = [record.egressId, record.roomName, record.roomId, record.name];
  if (strings.some((field) => typeof field !== 'string')) return undefined;
  if (!RECORDING_STATUSES.includes(record.status as RecordingStatus)) return undefined;
  if (typeof record.updatedAt !== 'number' || typeof record.startedAt !== 'number') return undefined;
  return record as RecordingRecord;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
