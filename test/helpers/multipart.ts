const BOUNDARY = '----qcTestBoundary';

/** A multipart/form-data body with one file in the field `file`, as a browser sends it. */
export function multipart(fileName: string, content: Buffer | string, contentType = 'text/csv') {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}
