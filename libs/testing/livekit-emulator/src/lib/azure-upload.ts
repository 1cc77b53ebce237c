import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';

import type { EmulatorStorageOptions } from './types';

export interface AzureUploadRequest {
  /** Credentials as sent in the egress request's `AzureBlobUpload`. */
  accountName: string;
  accountKey: string;
  containerName: string;
  blobName: string;
  data: Buffer;
  contentType: string;
}

/**
 * The emulated egress uploader. Real egress always talks to `https://<account>.blob.core.windows.net` with the
 * credentials from the request; here the blob goes to the configured endpoint (Azurite), still authenticated with
 * the request's own account key so a wrong key fails like it would in Azure. The container is not created: real
 * egress does not create it either.
 */
export async function uploadBlob(storage: EmulatorStorageOptions, req: AzureUploadRequest): Promise<void> {
  if (req.accountName !== storage.accountName) {
    throw new Error(
      `storage account "${req.accountName}" is not reachable from the emulator (its storage account is "${storage.accountName}")`,
    );
  }
  const credential = new StorageSharedKeyCredential(req.accountName, req.accountKey);
  // Few, short retries: tests that stop Azurite should see FAILED quickly, not after minutes of backoff.
  const service = new BlobServiceClient(storage.blobEndpoint, credential, {
    retryOptions: { maxTries: 3, retryDelayInMs: 100, maxRetryDelayInMs: 1000, tryTimeoutInMs: 30_000 },
  });
  const blob = service.getContainerClient(req.containerName).getBlockBlobClient(req.blobName);
  await blob.uploadData(req.data, { blobHTTPHeaders: { blobContentType: req.contentType } });
}

/**
 * `FileInfo.location` as egress reports it. Real egress omits the container segment (livekit/egress#959);
 * `withContainer` gives the correct URL instead.
 */
export function blobLocation(blobEndpoint: string, containerName: string, blobName: string, withContainer: boolean): string {
  const base = blobEndpoint.replace(/\/+$/, '');
  return withContainer ? `${base}/${containerName}/${blobName}` : `${base}/${blobName}`;
}

/** Azure SDK errors carry a long multi-line message; the first line names the problem. */
export function describeUploadError(e: unknown): string {
  const err = e as { statusCode?: number; code?: string; message?: string };
  const first = (err.message ?? String(e)).split('\n')[0];
  const parts = [err.statusCode ? `${err.statusCode}` : '', err.code ?? '', first].filter((p) => p !== '');
  return parts.join(' ');
}
