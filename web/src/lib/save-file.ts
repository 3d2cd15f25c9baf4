import type { FileResponse } from '../api/client.ts';

/** Hands a downloaded file to the browser's save dialog (or downloads folder) under its name. */
export function saveFile(file: FileResponse, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename || fallbackName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the click has started the download; the URL can go once the browser has taken the blob
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
