/** A part of a multipart/form-data body: a text field, or a file when `filename` is set. */
export type Part = { name: string; data: Buffer | string; filename?: string; contentType?: string };

/** A multipart/form-data body as a browser sends it, with its Content-Type header. */
export function multipart(parts: readonly Part[]): { payload: Buffer; contentType: string } {
  const boundary = '----luoshi-test-boundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? `Content-Type: ${p.contentType ?? 'application/octet-stream'}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
