import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

import { ReadOnlySas, readOnlySasUrl } from './blob-sas';
import { BlobContentReader, ByteRange, ContentOutcome } from './download/blob-content-reader';
import { storageErrorCodeOf, storageStatusOf, toStorageError } from './storage-errors';

export type { BlobContent, ByteRange } from './download/blob-content-reader';

export const STORAGE_CONTAINER = Symbol('STORAGE_CONTAINER');
/** The storage account in use (configured, or the embedded Azurite's): egress requests carry it. */
export const STORAGE_ACCOUNT = Symbol('STORAGE_ACCOUNT');
/** The account of an Azurite the development module started (only when no account is configured). */
export const EMBEDDED_STORAGE_ACCOUNT = Symbol('EMBEDDED_STORAGE_ACCOUNT');

export interface BlobProperties {
  size: number;
  etag: string;
  lastModified: Date;
  createdOn: Date;
  metadata: Record<string, string>;
}

export interface BlobListItem extends BlobProperties {
  key: string;
}

/** Time limit of one metadata operation (a download is limited by its client instead). */
/** Any one storage operation but a download's body: storage that does not answer in time is down. */
export const OPERATION_TIMEOUT_MS = 10_000;
/** A recording is uploaded in blocks of 8 MiB, four at a time: about 32 MiB of buffers at most. */
const UPLOAD_BLOCK_BYTES = 8 * 1024 * 1024;
const UPLOAD_BLOCKS_IN_FLIGHT = 4;
const LIST_PAGE_SIZE = 5000;

/**
 * The only door to Azure Blob Storage (the real SDK; Azurite in development and tests). Knows blobs and
 * containers, nothing about recordings; every SDK failure leaves as an upstream domain error.
 */
@Injectable()
export class BlobStorageService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BlobStorageService.name);
  private containerReady?: Promise<void>;
  private readonly credential: StorageSharedKeyCredential;
  private readonly reader: BlobContentReader;

  constructor(@Inject(STORAGE_CONTAINER) private readonly container: ContainerClient) {
    if (!(container.credential instanceof StorageSharedKeyCredential)) throw new Error('The container client needs the account key');
    this.credential = container.credential;
    this.reader = new BlobContentReader(container, this.credential);
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.ensureContainer();
    } catch (error) {
      // Start anyway: readiness reports the storage as down and the container is created on first use.
      this.logger.warn(
        { event: 'upstream.unavailable', upstream: 'storage', container: this.container.containerName, cause: (error as Error).message },
        'Recording storage is not ready at start-up; readiness reports it and the container is created on first use',
      );
    }
  }

  onApplicationShutdown(): void {
    this.reader.close();
  }

  /** Creates the container when it is missing; retried on the next call after a failure. */
  ensureContainer(): Promise<void> {
    this.containerReady ??= this.container.createIfNotExists({ abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) }).then(
      () => undefined,
      (error: unknown) => {
        this.containerReady = undefined;
        throw toStorageError('create the container', error);
      },
    );
    return this.containerReady;
  }

  /** Readiness probe: the container answers. */
  async checkContainer(): Promise<void> {
    try {
      await this.container.getProperties({ abortSignal: AbortSignal.timeout(5_000) });
    } catch (error) {
      if (storageStatusOf(error) === 404) {
        await this.ensureContainer();
        return;
      }
      throw toStorageError('reach the container', error);
    }
  }

  async getProperties(key: string): Promise<BlobProperties | undefined> {
    await this.ensureContainer();
    try {
      const properties = await this.container.getBlobClient(key).getProperties({ abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) });
      return {
        size: properties.contentLength ?? 0,
        etag: properties.etag ?? '',
        lastModified: properties.lastModified ?? new Date(0),
        createdOn: properties.createdOn ?? properties.lastModified ?? new Date(0),
        metadata: properties.metadata ?? {},
      };
    } catch (error) {
      if (storageStatusOf(error) === 404) return undefined;
      throw toStorageError('read the recording properties', error);
    }
  }

  /**
   * Opens a download of the blob, or of `count` bytes from `offset` (storage clamps a count that runs past
   * the end): the body as a Node stream, and what the same answer says about the whole blob (size from its
   * Content-Range, ETag, Last-Modified), so one round trip serves a range. `missing` when there is no such
   * blob, `unsatisfiable` when `offset` is at or past its end. `signal` aborts it (the client went away); a
   * failure in the middle ends the stream with an error.
   */
  async openContent(key: string, range: ByteRange | undefined, signal: AbortSignal): Promise<ContentOutcome> {
    await this.ensureContainer();
    return this.reader.open(key, range, signal);
  }

  /**
   * Every blob under the prefix in name order, page by page, from `startFrom` on (inclusive; it need not
   * exist) when given. `pageSize` bounds each storage page (one round trip each); stop iterating early and
   * no further page is read.
   */
  async *list(prefix: string, options: { startFrom?: string; pageSize?: number } = {}): AsyncGenerator<BlobListItem> {
    await this.ensureContainer();
    const pages = this.container
      .listBlobsFlat({ prefix, includeMetadata: true, startFrom: options.startFrom })
      .byPage({ maxPageSize: options.pageSize ?? LIST_PAGE_SIZE });
    try {
      for await (const page of pages) {
        for (const item of page.segment.blobItems) {
          yield {
            key: item.name,
            size: item.properties.contentLength ?? 0,
            etag: item.properties.etag ?? '',
            lastModified: item.properties.lastModified,
            createdOn: item.properties.createdOn ?? item.properties.lastModified,
            metadata: item.metadata ?? {},
          };
        }
      }
    } catch (error) {
      throw toStorageError('list the recordings', error);
    }
  }

  /** Writes an empty blob that only carries metadata (replacing one of that name): an entry of an index. */
  async putMarker(key: string, metadata: Record<string, string>): Promise<void> {
    await this.ensureContainer();
    try {
      await this.container.getBlockBlobClient(key).upload('', 0, { metadata, abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) });
    } catch (error) {
      throw toStorageError('update the recordings index', error);
    }
  }

  /** Deletes the blob; false when it did not exist. */
  async delete(key: string): Promise<boolean> {
    await this.ensureContainer();
    try {
      const result = await this.container
        .getBlobClient(key)
        .deleteIfExists({ deleteSnapshots: 'include', abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) });
      return result.succeeded;
    } catch (error) {
      throw toStorageError('delete the recording', error);
    }
  }

  /** Merges metadata into the blob's; false when the blob does not exist. */
  async mergeMetadata(key: string, metadata: Record<string, string>): Promise<boolean> {
    const current = await this.getProperties(key);
    if (!current) return false;
    try {
      await this.container
        .getBlobClient(key)
        .setMetadata(
          { ...current.metadata, ...metadata },
          { conditions: { ifMatch: current.etag }, abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) },
        );
      return true;
    } catch (error) {
      const status = storageStatusOf(error);
      if (status === 404) return false;
      if (status === 412) return this.mergeMetadata(key, metadata);
      throw toStorageError('update the recording metadata', error);
    }
  }

  /**
   * Takes a lease on an empty lock blob (created on first use, then kept: taking and releasing a lease is one round
   * trip each): the lease id, or undefined when someone else holds it (or the blob vanished between creating and
   * leasing: try again). Leases expire by themselves, so a crashed holder cannot block others for long.
   */
  async tryAcquireLease(key: string, durationSeconds: number): Promise<string | undefined> {
    await this.ensureContainer();
    const blob = this.container.getBlockBlobClient(key);
    const abortSignal = AbortSignal.timeout(OPERATION_TIMEOUT_MS);
    const acquire = async (): Promise<string | undefined | 'missing'> => {
      try {
        return (await blob.getBlobLeaseClient().acquireLease(durationSeconds, { abortSignal })).leaseId;
      } catch (error) {
        const status = storageStatusOf(error);
        if (status === 409) return undefined;
        if (status === 404 && storageErrorCodeOf(error) === 'BlobNotFound') return 'missing';
        throw toStorageError('take a lock', error);
      }
    };
    const leased = await acquire();
    if (leased !== 'missing') return leased;
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' }, abortSignal });
    } catch (error) {
      const status = storageStatusOf(error);
      if (status !== 409 && status !== 412) throw toStorageError('create a lock', error);
    }
    const retried = await acquire();
    return retried === 'missing' ? undefined : retried;
  }

  /** Releases a lease we hold on a lock blob: the lock is free at once (the empty blob stays for the next holder). */
  async releaseLease(key: string, leaseId: string): Promise<void> {
    try {
      await this.container
        .getBlockBlobClient(key)
        .getBlobLeaseClient(leaseId)
        .releaseLease({ abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) });
    } catch (error) {
      // The lease expires on its own; losing it here only delays the next request for that room. A blob deleted
      // meanwhile (404) or a lease lost to expiry (409) holds nobody up.
      const status = storageStatusOf(error);
      if (status === 404 || status === 409) return;
      this.logger.warn({ lock: key, cause: (error as Error).message }, 'Could not release a room lock; its lease expires by itself');
    }
  }

  /** Writes a small blob unless one is already there: false when another writer was first (nothing changed). */
  async createIfAbsent(key: string, data: Buffer, options: { contentType: string; metadata?: Record<string, string> }): Promise<boolean> {
    await this.ensureContainer();
    try {
      await this.container.getBlockBlobClient(key).uploadData(data, {
        blobHTTPHeaders: { blobContentType: options.contentType },
        metadata: options.metadata,
        conditions: { ifNoneMatch: '*' },
        abortSignal: AbortSignal.timeout(OPERATION_TIMEOUT_MS),
      });
      return true;
    } catch (error) {
      const status = storageStatusOf(error);
      if (status === 409 || status === 412) return false;
      throw toStorageError('store a file', error);
    }
  }

  /**
   * Uploads a finished recording from a local file by blocks (several in flight, none held whole in memory), under
   * `key`: what the embedded recorder and Egress's shared volume hand over. Replaces a blob of that name.
   */
  async uploadFile(key: string, path: string, contentType: string): Promise<void> {
    await this.ensureContainer();
    try {
      await this.container.getBlockBlobClient(key).uploadFile(path, {
        blockSize: UPLOAD_BLOCK_BYTES,
        concurrency: UPLOAD_BLOCKS_IN_FLIGHT,
        blobHTTPHeaders: { blobContentType: contentType },
      });
    } catch (error) {
      throw toStorageError('upload the recording', error);
    }
  }

  /** The blob's URL with a read-only SAS for that one blob (needs the account key the container was opened with). */
  readOnlyUrl(key: string, sas: ReadOnlySas): { url: string; expiresOn: Date } {
    return readOnlySasUrl(this.container.getBlobClient(key), this.credential, sas);
  }
}
