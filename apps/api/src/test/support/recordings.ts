import { ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';

/** A recording name as egress writes it. */
export function recordingName(roomName: string, time = '2026-11-23T101500', roomId = 'RM_abc123'): string {
  return `RoomComposite-${roomName}-${time}-${roomId}.mp4`;
}

/** Puts bytes at a blob key like egress would (random unless given), returning them for byte-exact checks. */
export async function putBlob(container: ContainerClient, key: string, content: Buffer | number = 4096): Promise<Buffer> {
  const bytes = typeof content === 'number' ? randomBytes(content) : content;
  await container.getBlockBlobClient(key).uploadData(bytes, { blobHTTPHeaders: { blobContentType: 'video/mp4' } });
  return bytes;
}

export async function blobExists(container: ContainerClient, key: string): Promise<boolean> {
  return container.getBlobClient(key).exists();
}

/** Every blob key in the container (sorted), to prove that nothing else was touched. */
export async function allKeys(container: ContainerClient): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of container.listBlobsFlat()) keys.push(item.name);
  return keys.sort();
}

/** Removes every blob (between tests), but a room lock someone holds right now: its holder deletes it. */
export async function emptyContainer(container: ContainerClient): Promise<void> {
  for await (const item of container.listBlobsFlat()) {
    await container.deleteBlob(item.name, { deleteSnapshots: 'include' }).catch((error: { statusCode?: number }) => {
      // 412: leased (a lock being held); 404: its holder deleted it meanwhile.
      if (error.statusCode !== 412 && error.statusCode !== 404) throw error;
    });
  }
}
