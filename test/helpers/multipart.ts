export const BOUNDARY = '----qcTestBoundary';

/** One part of a multipart body: a file when it has a file name, a text field otherwise. */
export interface Part {
  name: string;
  fileName?: string;
  content: Buffer | string;
  contentType?: string;
}

/** A multipart/form-data body of these parts, as a browser sends it. */
export function formData(parts: Part[]) {
  const body = Buffer.concat([
    ...parts.flatMap((p) => [
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName === undefined ? '' : `; filename="${p.fileName}"`}\r\n` +
          (p.contentType ? `Content-Type: ${p.contentType}\r\n` : '') +
          '\r\n',
      ),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

/** A multipart/form-data body with one file in the field `file`, as a browser sends it. */
export function multipart(fileName: string, content: Buffer | string, contentType = 'text/csv') {
  return formData([{ name: 'file', fileName, content, contentType }]);
}
