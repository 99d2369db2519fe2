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
