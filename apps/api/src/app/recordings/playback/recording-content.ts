import { RecordingNotFoundError } from '../../errors/domain-errors';
import { BlobContent, BlobProperties, BlobStorageService } from '../../storage/blob-storage.service';
import { countFrom, ifRangeAllowsPartial, parseRange, resolveRange } from './http-range';

/** What a GET of a recording answers with: bytes (the whole file or a range), or 416 for a range past its end. */
export type RecordingAnswer = { kind: 'content'; content: BlobContent; partial: boolean } | { kind: 'unsatisfiable'; blob: BlobProperties };

export interface ContentRequest {
  range?: string;
  ifRange?: string;
  portionSize: number;
  signal: AbortSignal;
}

/**
 * Opens what a GET asks for in as few storage round trips as the Range matrix allows: one for the whole
 * file or a range with a start (size, ETag and Last-Modified come with the download's own answer). The
 * size is needed first only for a suffix range, and for the 416 of a start past the end. When If-Range
 * does not match what the download answered, that answer is dropped for the whole file.
 */
export async function openRecordingContent(storage: BlobStorageService, key: string, request: ContentRequest): Promise<RecordingAnswer> {
  const whole = async (): Promise<RecordingAnswer> => ({
    kind: 'content',
    content: found(await storage.openContent(key, undefined, request.signal)),
    partial: false,
  });
  const allowsRange = (blob: { etag: string; lastModified: Date }) => ifRangeAllowsPartial(request.ifRange, blob.etag, blob.lastModified);

  const range = parseRange(request.range);
  if (range.kind === 'none') return whole();

  if (range.kind === 'from') {
    const outcome = await storage.openContent(key, { offset: range.start, count: countFrom(range, request.portionSize) }, request.signal);
    if (outcome === 'unsatisfiable') return beyondTheEnd(storage, key, allowsRange, whole);
    const content = found(outcome);
    if (allowsRange(content)) return { kind: 'content', content, partial: true };
    content.discard();
    return whole();
  }

  const blob = found(await storage.getProperties(key));
  if (!allowsRange(blob)) return whole();
  const decision = resolveRange(request.range, blob.size, request.portionSize);
  if (decision.kind !== 'partial') return { kind: 'unsatisfiable', blob };
  const content = await storage.openContent(key, { offset: decision.start, count: decision.end - decision.start + 1 }, request.signal);
  // Replaced since the properties were read, and now shorter than that start: answer for the blob as it is.
  if (content === 'unsatisfiable') return beyondTheEnd(storage, key, allowsRange, whole);
  return { kind: 'content', content: found(content), partial: true };
}

async function beyondTheEnd(
  storage: BlobStorageService,
  key: string,
  allowsRange: (blob: BlobProperties) => boolean,
  whole: () => Promise<RecordingAnswer>,
): Promise<RecordingAnswer> {
  const blob = found(await storage.getProperties(key));
  // A failed If-Range means "send the whole file instead", also when the range could not be satisfied.
  return allowsRange(blob) ? { kind: 'unsatisfiable', blob } : whole();
}

function found<T>(outcome: T | 'missing' | 'unsatisfiable' | undefined): T {
  if (outcome === 'missing' || outcome === undefined) throw new RecordingNotFoundError();
  if (outcome === 'unsatisfiable') throw new Error('storage refused the range of a whole-file download');
  return outcome;
}
