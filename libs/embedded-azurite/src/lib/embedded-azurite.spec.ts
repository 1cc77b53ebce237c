import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmbeddedAzurite } from './embedded-azurite';

function clientOf(azurite: { blobEndpoint: string; accountName: string; accountKey: string }): BlobServiceClient {
  return new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey));
}

describe('startEmbeddedAzurite', () => {
  it('serves the blob API with the development account on a free port, in memory', async () => {
    const azurite = await startEmbeddedAzurite();
    try {
      expect(azurite.port).toBeGreaterThan(0);
      const container = clientOf(azurite).getContainerClient('spec');
      await container.create();
      await container.getBlockBlobClient('a.txt').upload('hello', 5);
      expect((await container.getBlobClient('a.txt').downloadToBuffer()).toString()).toBe('hello');
    } finally {
      await azurite.stop();
    }
  });

  it('keeps the data in its folder across a restart', async () => {
    const location = mkdtempSync(join(tmpdir(), 'azurite-spec-'));
    try {
      const first = await startEmbeddedAzurite({ location });
      await clientOf(first).getContainerClient('kept').create();
      await first.stop();
      const second = await startEmbeddedAzurite({ location });
      try {
        expect(await clientOf(second).getContainerClient('kept').exists()).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(location, { recursive: true, force: true });
    }
  });

  it('reports a port that is taken instead of hanging', async () => {
    const first = await startEmbeddedAzurite();
    try {
      await expect(startEmbeddedAzurite({ port: first.port, startTimeoutMs: 10_000 })).rejects.toThrow(/Azurite/);
    } finally {
      await first.stop();
    }
  });
});
