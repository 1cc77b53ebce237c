import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
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

  it('serves HTTPS with the given certificate, which a client must trust', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'azurite-tls-spec-'));
    const tls = { cert: join(folder, 'cert.pem'), key: join(folder, 'key.pem') };
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        tls.key,
        '-out',
        tls.cert,
      ]),
      { stdio: 'ignore' },
    );
    const azurite = await startEmbeddedAzurite({ tls });
    try {
      expect(azurite.blobEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
      const statusOf = (ca?: Buffer) =>
        new Promise<number | string>((resolve) => {
          get(`${azurite.blobEndpoint}?comp=list`, { ca }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          }).once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        });
      // Unsigned, so refused by storage; but the TLS handshake went through with the certificate trusted, and only then.
      expect(await statusOf(readFileSync(tls.cert))).toBe(403);
      expect(await statusOf()).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      await azurite.stop();
      rmSync(folder, { recursive: true, force: true });
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
