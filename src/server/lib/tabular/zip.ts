import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';

/** One member of a ZIP as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Reads the central directory of a ZIP (an XLSX is one). The sizes it declares let an archive
 * that would expand past the limit — a zip bomb — be refused before any of it is inflated; the
 * offsets let each member be read directly, in the order the reader needs, instead of walking
 * the local headers as a stream (exceljs's streaming unzip loses members under load). A file
 * whose directory cannot be found is not a readable XLSX.
 */
export async function readZipDirectory(path: string): Promise<{ ok: true; uncompressed: number; entries: ZipEntry[] } | { ok: false }> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, 65_557); // end-of-central-directory record plus the longest comment
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > tail.length) return { ok: false };
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size) return { ok: false };
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let uncompressed = 0;
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) return { ok: false };
      const nameLength = dir.readUInt16LE(at + 28);
      const entry: ZipEntry = {
        name: dir.toString('utf8', at + 46, at + 46 + nameLength),
        method: dir.readUInt16LE(at + 10),
        compressedSize: dir.readUInt32LE(at + 20),
        uncompressedSize: dir.readUInt32LE(at + 24),
        localHeaderOffset: dir.readUInt32LE(at + 42),
      };
      // 0xFFFFFFFF means ZIP64: a member over 4 GiB, far past any limit here.
      uncompressed += entry.uncompressedSize === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : entry.uncompressedSize;
      if (entry.localHeaderOffset + 30 + entry.compressedSize > size) return { ok: false };
      entries.push(entry);
      at += 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    return { ok: true, uncompressed, entries };
  } finally {
    await handle.close();
  }
}

/** Thrown when a member is stored in a way this reader does not inflate, or lies about its size. */
export class BadZipEntry extends Error {}

/**
 * The inflated bytes of one member, as a stream. Inflation stops with an error past the size the
 * directory declared, so a directory that lies about a member cannot smuggle a bomb through.
 */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
  if (entry.method !== 0 && entry.method !== 8) throw new BadZipEntry(`compression method ${entry.method}`);
  const handle = await fs.promises.open(path, 'r');
  const local = Buffer.alloc(30);
  try {
    await handle.read(local, 0, 30, entry.localHeaderOffset);
  } finally {
    await handle.close();
  }
  if (local.readUInt32LE(0) !== 0x04034b50) throw new BadZipEntry('local header');
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = fs.createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > entry.uncompressedSize ? new BadZipEntry('larger than declared') : null, chunk);
    },
  });
  const inflated = entry.method === 8 ? raw.pipe(zlib.createInflateRaw()) : raw;
  inflated.on('error', (err: Error) => limit.destroy(err));
  raw.on('error', (err) => limit.destroy(err));
  // A reader that stops early (the row count past its limit) closes the file and the inflater too.
  limit.on('close', () => {
    raw.destroy();
    if (inflated !== raw) inflated.destroy();
  });
  return inflated.pipe(limit);
}
