/**
 * The Content-Disposition of a download: the real (Chinese) name in `filename*` (RFC 6266/5987, which every current
 * browser reads) and an ASCII `fallback` for old clients. `inline` lets the browser show a PDF or photo itself.
 */
export function contentDisposition(name: string, fallback: string, inline = false): string {
  const ascii = fallback.replace(/[^\w.-]/g, '') || 'download';
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
