import {
  BlobClient,
  BlobSASPermissions,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';

/** Clocks drift: a SAS valid from a minute ago also works on a storage server whose clock is a little behind ours. */
const CLOCK_SKEW_MS = 60_000;

export interface ReadOnlySas {
  /** Milliseconds from now. */
  lifetimeMs: number;
  /** Content-Disposition storage answers with (`rscd`), e.g. to name a download. */
  contentDisposition?: string;
}

/**
 * The blob's URL with a SAS that allows reading that one blob and nothing else, for a while. HTTPS only
 * against an HTTPS endpoint (real Azure); plain HTTP is allowed only when the endpoint itself is HTTP (Azurite).
 */
export function readOnlySasUrl(
  blob: BlobClient,
  credential: StorageSharedKeyCredential,
  sas: ReadOnlySas,
): { url: string; expiresOn: Date } {
  const now = Date.now();
  const expiresOn = new Date(now + sas.lifetimeMs);
  const query = generateBlobSASQueryParameters(
    {
      containerName: blob.containerName,
      blobName: blob.name,
      permissions: BlobSASPermissions.parse('r'),
      startsOn: new Date(now - CLOCK_SKEW_MS),
      expiresOn,
      protocol: blob.url.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp,
      contentDisposition: sas.contentDisposition,
    },
    credential,
  );
  return { url: `${blob.url}?${query.toString()}`, expiresOn };
}
