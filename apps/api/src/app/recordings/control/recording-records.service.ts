import { RECORDING_STATUSES, RecordingStatus } from '@recording/contracts';

import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';

import { AppConfig } from '../../config/app-config';
import { BlobDocumentsService } from '../../storage/blob-documents.service';
import { parseRecord, RecordingRecord } from './recording-record';

/** A record as read, with the version a conditional write must match. */
export interface StoredRecord {
  record: RecordingRecord;
  etag: string;
}

/** What a listing tells about a record without reading it (kept in the blob's metadata). */
export interface RecordSummary {
  roomName: string;
  egressId: string;
  status: RecordingStatus;
  startedAt: number;
  roomId: string;
  lastModified: Date;
}

const RECORD_EXTENSION = '.json';

/**
 * The recording records, one small JSON blob per egress under `<RECORDINGS_PATH>.state/<sha256 of the room>/`,
 * written with ETag conditions: two replicas that change a record at once cannot both succeed. The blob's metadata
 * repeats the status, start and room SID so that listings need not read every record.
 */
@Injectable()
export class RecordingRecords {
  constructor(
    private readonly documents: BlobDocumentsService,
    private readonly config: AppConfig,
  ) {}

  async read(roomName: string, egressId: string): Promise<StoredRecord | undefined> {
    const stored = await this.documents.read(this.keyOf(roomName, egressId));
    const record = stored && parseRecord(stored.text);
    return record && stored ? { record, etag: stored.etag } : undefined;
  }

  /**
   * Writes the record if it is still the version read (`etag`; undefined: only if there is none yet): false when
   * another writer came first (read again and decide again).
   */
  async write(record: RecordingRecord, etag: string | undefined): Promise<boolean> {
    const metadata = {
      room: encodeURIComponent(record.roomName),
      status: record.status,
      startedatms: String(record.startedAt),
      roomid: record.roomId,
    };
    const key = this.keyOf(record.roomName, record.egressId);
    const written = await this.documents.write(key, JSON.stringify(record), etag === undefined ? { absent: true } : { etag }, metadata);
    return written !== undefined;
  }

  /** The room's records (newest first), from the listing alone. */
  summariesOf(roomName: string): Promise<RecordSummary[]> {
    return this.summaries(this.roomPrefix(roomName));
  }

  /** Every room's records, from the listing alone. */
  summariesOfAllRooms(): Promise<RecordSummary[]> {
    return this.summaries(this.rootPrefix());
  }

  async delete(summary: RecordSummary): Promise<void> {
    await this.documents.delete(this.keyOf(summary.roomName, summary.egressId));
  }

  private async summaries(prefix: string): Promise<RecordSummary[]> {
    const found: RecordSummary[] = [];
    for await (const item of this.documents.list(prefix)) {
      const summary = summaryOf(item.key, item.metadata, item.lastModified);
      if (summary) found.push(summary);
    }
    return found.sort((a, b) => b.startedAt - a.startedAt);
  }

  private keyOf(roomName: string, egressId: string): string {
    return `${this.roomPrefix(roomName)}${egressId}${RECORD_EXTENSION}`;
  }

  private roomPrefix(roomName: string): string {
    return `${this.rootPrefix()}${createHash('sha256').update(roomName).digest('hex')}/`;
  }

  private rootPrefix(): string {
    return `${this.config.recordingsPath}.state/`;
  }
}

function summaryOf(key: string, metadata: Record<string, string>, lastModified: Date): RecordSummary | undefined {
  const file = key.slice(key.lastIndexOf('/') + 1);
  if (!file.endsWith(RECORD_EXTENSION)) return undefined;
  const status = metadata['status'] as RecordingStatus;
  const startedAt = Number(metadata['startedatms']);
  const roomName = decodedOrUndefined(metadata['room']);
  if (!RECORDING_STATUSES.includes(status) || !Number.isFinite(startedAt) || roomName === undefined) return undefined;
  return {
    roomName,
    egressId: file.slice(0, -RECORD_EXTENSION.length),
    status,
    startedAt,
    roomId: metadata['roomid'] ?? '',
    lastModified,
  };
}

function decodedOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
