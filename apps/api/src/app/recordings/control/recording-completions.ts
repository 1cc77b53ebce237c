import { Injectable } from '@nestjs/common';

import { RecordingRecord, recordingStartOf } from './recording-record';

/** What the API learnt about a recording by the time it ended: kept with the stored file by whoever listens. */
export interface RecordingCompletion {
  name: string;
  egressId: string;
  /** Ended well, or ended badly (failed, aborted, limit reached) after perhaps writing a file. */
  outcome: 'complete' | 'failed';
  /** When the file began (epoch ms), as best known. */
  startedAt: number;
  endedAt?: number;
  durationMs?: number;
  sizeBytes?: number;
  startedBy?: string;
  stoppedBy?: string;
  /** Sound only: the file has no picture (its poster is its waveform). */
  audioOnly?: boolean;
}

export type CompletionListener = (completion: RecordingCompletion) => Promise<void>;

/**
 * The one way news of an ended recording leaves control: whoever keeps stored recordings (the catalog) listens, and
 * control never needs to know who. A listener's failure fails the change, so the record still says "not ended" and the
 * news is applied again (a webhook redelivered, the reconciler): listeners must be idempotent.
 */
@Injectable()
export class RecordingCompletions {
  private readonly listeners: CompletionListener[] = [];

  listen(listener: CompletionListener): void {
    this.listeners.push(listener);
  }

  async completed(record: RecordingRecord): Promise<void> {
    const completion = completionOf(record);
    for (const listener of this.listeners) await listener(completion);
  }
}

export function completionOf(record: RecordingRecord): RecordingCompletion {
  return {
    name: record.name,
    egressId: record.egressId,
    // A stored file is complete, or failed when egress wrote it and then failed (limit reached keeps what it has).
    outcome: record.status === 'failed' || record.status === 'aborted' ? 'failed' : 'complete',
    startedAt: recordingStartOf(record),
    endedAt: record.endedAt,
    durationMs: record.durationMs,
    sizeBytes: record.sizeBytes,
    startedBy: record.startedBy,
    stoppedBy: record.stoppedBy,
    ...(record.audioOnly ? { audioOnly: true } : {}),
  };
}
