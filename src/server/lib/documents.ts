import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';

/**
 * What an uploaded document may be: the formats officers attach to an application (申报书,
 * 推荐函, certificates, photos). The name's extension must agree with the file's first bytes, so a
 * renamed executable or a truncated upload is refused rather than served back to a colleague.
 */
const KINDS = [
  { exts: ['pdf'], type: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] }, // %PDF
  // OFD (the Chinese fixed-layout standard, GB/T 33190), DOCX and XLSX are ZIP containers.
  { exts: ['ofd'], type: 'application/ofd', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  { exts: ['docx'], type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  { exts: ['xlsx'], type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  // Word 97 and Excel 97 files are OLE compound documents.
  { exts: ['doc'], type: 'application/msword', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  { exts: ['xls'], type: 'application/vnd.ms-excel', magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  { exts: ['jpg', 'jpeg'], type: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  { exts: ['png'], type: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
] as const;

export const DOCUMENT_EXTENSIONS = KINDS.flatMap((k) => k.exts);

/** The content type of a document named `fileName` beginning with `head`, or null when it is not one we take. */
export function documentType(fileName: string, head: Uint8Array): string | null {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const kind = KINDS.find((k) => (k.exts as readonly string[]).includes(ext));
  if (!kind) return null;
  return kind.magic.some((m) => m.every((b, i) => head[i] === b)) ? kind.type : null;
}

/** An upload as the multipart parser hands it: the stream is `truncated` when it passed the size limit. */
export interface DocumentUpload {
  stream: Readable & { truncated?: boolean };
  fileName: string;
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
 * bytes agree on an accepted format; then `keep` records it (with its audit event, in its own
 * transaction). Whatever fails — too large, empty, another format, the record — the file goes too.
 */
export async function storeDocument<T>(dataDir: string, maxBytes: number, id: string, upload: DocumentUpload, keep: (doc: StoredDocument) => Promise<T>): Promise<T> {
  const file = documentFile(dataDir, id);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  try {
    await pipeline(
      upload.stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < 8) head = Buffer.concat([head, chunk]).subarray(0, 8);
          yield chunk;
        }
      },
      fs.createWriteStream(file),
    );
    if (upload.stream.truncated) throw new AppError('file_too_large', [{ message: `文件超过 ${Math.round(maxBytes / 2 ** 20)} MB` }]);
    if (size === 0) throw new AppError('file_empty');
    const name = upload.fileName.trim().slice(-200);
    const contentType = documentType(name, head);
    if (!contentType) throw new AppError('document_type', [{ path: 'file', message: name }]);
    return await keep({ id, name, contentType, size, sha256: hash.digest('hex') });
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}
