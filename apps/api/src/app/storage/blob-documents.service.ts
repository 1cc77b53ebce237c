import { ContainerClient } from '@azure/storage-blob';
import { Inject, Injectable } from '@nestjs/common';
import { text } from 'node:stream/consumers';

import { BlobListItem, BlobStorageService, OPERATION_TIMEOUT_MS, STORAGE_CONTAINER } from './blob-storage.service';
import { storageStatusOf, toStorageError } from './storage-errors';

/** A small document as stored, with the ETag to make the next write conditional on. */
export interface StoredDocument {
  text: string;
  etag: string;
}

/** Write only if the blob is still the version read (`etag`), or only if there is none yet (`undefined`). */
export type WriteCondition = { etag: string } | { absent: true };

/**
 * Small JSON documents the API keeps beside the recordings (state every replica shares), read and written with ETag
 * conditions so that of two replicas changing one document at the same time exactly one wins and the other
 * re-reads: optimistic concurrency instead of memory in one process.
 */
@Injectable()
export class BlobDocumentsService {
  constructor(
    @Inject(STORAGE_CONTAINER) private readonly container: ContainerClient,
    private readonly storage: BlobStorageService,
  ) {}

  /** The document, or undefined when there is none. */
  async read(key: string): Promise<StoredDocument | undefined> {
    await this.storage.ensureContainer();
    try {
      const response = await this.container
        .getBlobClient(key)
        .download(0, undefined, { abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) });
      const body = response.readableStreamBody;
      return { text: body ? await text(body) : '', etag: response.etag ?? '' };
    } catch (error) {
      if (storageStatusOf(error) === 404) return undefined;
      throw toStorageError('read the recording state', error);
    }
  }

  /**
   * Writes the document (with `metadata`, ASCII values, for listings) if `condition` still holds: its new ETag, or
   * undefined when another writer came first.
   */
  async write(
    key: string,
    document: string,
    condition: WriteCondition,
    metadata: Record<string, string> = {},
  ): Promise<string | undefined> {
    await this.storage.ensureContainer();
    const body = Buffer.from(document, 'utf8');
    try {
      const response = await this.container.getBlockBlobClient(key).upload(body, body.length, {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        metadata,
        conditions: 'etag' in condition ? { ifMatch: condition.etag } : { ifNoneMatch: '*' },
        abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS),
      });
      return response.etag ?? '';
    } catch (error) {
      const status = storageStatusOf(error);
      // 412: changed since it was read; 409: created by someone else meanwhile; 404: deleted meanwhile.
      if (status === 412 || status === 409 || (status === 404 && 'etag' in condition)) return undefined;
      throw toStorageError('write the recording state', error);
    }
  }

  /** The documents under a prefix, by key with their metadata, without reading them. */
  list(prefix: string): AsyncGenerator<BlobListItem> {
    return this.storage.list(prefix);
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete(key);
  }
}
