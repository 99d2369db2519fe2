import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';
import type { Upload } from '../http';
import { readZipDirectory } from './tabular/zip';
import { abandoned } from './file-streams';

/**
 * What an uploaded document may be: the formats officers attach to an application (申报书,
 * 推荐函, certificates, photos). The name's extension must agree with the file's content — its
 * signature, and for the container formats the members that make it that format — so a renamed
 * executable, an installer, any ZIP called .docx or a truncated upload is refused rather than
 * served back to a colleague.
 */
const PK = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

interface Kind {
  exts: readonly string[];
  type: string;
  magic: readonly number[];
  /** A ZIP container: members it must hold. */
  members?: readonly string[];
  /** An OLE compound document: the streams that name its format (any one of them). */
  streams?: readonly string[];
}

const KINDS: readonly Kind[] = [
  { exts: ['pdf'], type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  // OFD (the Chinese fixed-layout standard, GB/T 33190) keeps its entry file OFD.xml at the root.
  { exts: ['ofd'], type: 'application/ofd', magic: PK, members: ['OFD.xml'] },
  {
    exts: ['docx'],
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: PK,
    members: ['[Content_Types].xml', 'word/document.xml'],
  },
  {
    exts: ['xlsx'],
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: PK,
    members: ['[Content_Types].xml', 'xl/workbook.xml'],
  },
  // Word 97 and Excel 97 files (and installers, and other things) are OLE compound documents.
  { exts: ['doc'], type: 'application/msword', magic: OLE, streams: ['WordDocument'] },
  { exts: ['xls'], type: 'application/vnd.ms-excel', magic: OLE, streams: ['Workbook', 'Book'] },
  { exts: ['jpg', 'jpeg'], type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { exts: ['png'], type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export const DOCUMENT_EXTENSIONS = KINDS.flatMap((k) => k.exts);
/** The media types a stored document is sent back as (documented in OpenAPI). */
export const DOCUMENT_TYPES = [...new Set(KINDS.map((k) => k.type))];

/**
 * Whether an OLE file's directory names one of these streams. A directory entry is 128 bytes,
 * aligned to 128 in the file, and begins with its name in UTF-16LE, NUL-terminated; the file is
 * scanned in chunks that overlap by a name's length.
 */
async function hasOleStream(file: string, names: readonly string[]): Promise<boolean> {
  const needles = names.map((n) => Buffer.from(`${n}\0`, 'utf16le'));
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  let carry = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const window = Buffer.concat([carry, chunk as Buffer]);
    const base = offset - carry.length;
    for (const needle of needles) {
      for (let at = window.indexOf(needle); at >= 0; at = window.indexOf(needle, at + 1)) if ((base + at) % 128 === 0) return true;
    }
    offset += (chunk as Buffer).length;
    carry = window.subarray(Math.max(0, window.length - overlap));
  }
  return false;
}

/** The content type of the stored file `file`, uploaded as `fileName`, or null when it is not a document we take. */
export async function documentType(fileName: string, file: string): Promise<string | null> {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const kind = KINDS.find((k) => k.exts.includes(ext));
  if (!kind) return null;
  const head = Buffer.alloc(8);
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (!kind.magic.every((b, i) => head[i] === b)) return null;
  if (kind.members) {
    const zip = await readZipDirectory(file);
    if (!zip.ok) return null;
    const names = new Set(zip.entries.map((e) => e.name));
    if (!kind.members.every((m) => names.has(m))) return null;
  }
  if (kind.streams && !(await hasOleStream(file, kind.streams))) return null;
  return kind.type;
}

/** What is known of a stored document once its bytes are on disk. */
export interface StoredDocument {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Where a document's bytes are: `documents/<id>` under the data directory, whatever it is attached to. */
export function documentFile(dataDir: string, id: string): string {
  const dir = path.join(dataDir, 'documents');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, id);
}

/**
 * Streams an upload to disk with its size and SHA-256 and keeps it only when its name and first
 * content agree on an accepted format; then `keep` records it (with its audit event, in its own
 * transaction). Whatever fails — too large, empty, another format, the record — the file goes too.
 */
export async function storeDocument<T>(
  dataDir: string,
  maxBytes: number,
  id: string,
  upload: Upload,
  keep: (doc: StoredDocument) => Promise<T>,
): Promise<T> {
  const file = documentFile(dataDir, id);
  const hash = createHash('sha256');
  let size = 0;
  const out = fs.createWriteStream(file);
  try {
    await pipeline(
      upload.stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      out,
    );
    if (upload.stream.truncated) throw new AppError('file_too_large', [{ message: `文件超过 ${Math.round(maxBytes / 2 ** 20)} MB` }]);
    if (size === 0) throw new AppError('file_empty');
    const name = upload.fileName.trim().slice(-200);
    const contentType = await documentType(name, file);
    if (!contentType) throw new AppError('document_type', [{ path: 'file', message: name }]);
    return await keep({ id, name, contentType, size, sha256: hash.digest('hex') });
  } catch (err) {
    await abandoned(out);
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/** The columns every table of stored documents has beside its id and owner (case attachments, cultivation documents). */
export interface StoredDocumentColumns {
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  delete_reason: string | null;
}
