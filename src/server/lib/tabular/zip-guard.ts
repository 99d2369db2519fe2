import fs from 'node:fs/promises';

/**
 * Reads the central directory of a ZIP (an XLSX is one) and sums the uncompressed sizes it
 * declares, so an archive that would expand past the limit — a zip bomb — is refused before
 * any of it is inflated. A file whose directory cannot be found is not a readable XLSX.
 */
export async function zipDeclaredSize(path: string): Promise<{ ok: true; uncompressed: number; entries: number } | { ok: false }> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, 65_557); // end-of-central-directory record plus the longest comment
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > tail.length) return { ok: false };
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size) return { ok: false };
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    let uncompressed = 0;
    let at = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) return { ok: false };
      const entrySize = dir.readUInt32LE(at + 24);
      // 0xFFFFFFFF means ZIP64: a member over 4 GiB, far past any limit here.
      uncompressed += entrySize === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : entrySize;
      at += 46 + dir.readUInt16LE(at + 28) + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    return { ok: true, uncompressed, entries };
  } finally {
    await handle.close();
  }
}
