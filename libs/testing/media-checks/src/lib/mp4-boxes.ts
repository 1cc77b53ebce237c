import { open } from 'node:fs/promises';

export interface Mp4Box {
  type: string;
  offset: number;
  size: number;
}

/**
 * The top-level boxes of an MP4 in file order (`ftyp`, `moov`, `mdat`, … or `moof`/`mdat` pairs when
 * fragmented), read from the box headers alone. A box that runs past the end of the file (a cut-off
 * recording) is listed with the size its header claims.
 */
export async function topLevelBoxes(file: string): Promise<Mp4Box[]> {
  const handle = await open(file, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const boxes: Mp4Box[] = [];
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset + 8 <= fileSize) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) break;
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (size === 1) {
        if (bytesRead < 16) break;
        size = Number(header.readBigUInt64BE(8));
      } else if (size === 0) {
        size = fileSize - offset;
      }
      if (size < 8) throw new Error(`${file}: malformed box "${type}" of ${size} bytes at offset ${offset}`);
      boxes.push({ type, offset, size });
      offset += size;
    }
    return boxes;
  } finally {
    await handle.close();
  }
}

/** True when the `moov` box comes before the first `mdat`: the file plays before it is fully downloaded. */
export async function isMoovBeforeMdat(file: string): Promise<boolean> {
  const types = (await topLevelBoxes(file)).map((box) => box.type);
  const moov = types.indexOf('moov');
  const mdat = types.indexOf('mdat');
  return moov >= 0 && (mdat < 0 || moov < mdat);
}
