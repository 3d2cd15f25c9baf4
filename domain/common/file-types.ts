/**
 * What may be attached (documents and photos) and how we recognise it: by the extension the user sees AND by the
 * first bytes of the content, so a renamed executable or a script dressed as a .pdf is refused. The list is what
 * government offices exchange: PDF, Word/Excel/PowerPoint (old and new), WPS, OFD (the national e-document format),
 * and phone photos.
 */
export type FileKind = 'document' | 'photo';
type Family = 'pdf' | 'zip' | 'ole' | 'jpeg' | 'png' | 'webp';

const TYPES: Record<string, { mediaType: string; family: Family; kind: FileKind }> = {
  pdf: { mediaType: 'application/pdf', family: 'pdf', kind: 'document' },
  ofd: { mediaType: 'application/ofd', family: 'zip', kind: 'document' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    family: 'zip',
    kind: 'document',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    family: 'zip',
    kind: 'document',
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    family: 'zip',
    kind: 'document',
  },
  doc: { mediaType: 'application/msword', family: 'ole', kind: 'document' },
  xls: { mediaType: 'application/vnd.ms-excel', family: 'ole', kind: 'document' },
  ppt: { mediaType: 'application/vnd.ms-powerpoint', family: 'ole', kind: 'document' },
  wps: { mediaType: 'application/vnd.ms-works', family: 'ole', kind: 'document' },
  et: { mediaType: 'application/vnd.ms-excel', family: 'ole', kind: 'document' },
  jpg: { mediaType: 'image/jpeg', family: 'jpeg', kind: 'photo' },
  jpeg: { mediaType: 'image/jpeg', family: 'jpeg', kind: 'photo' },
  png: { mediaType: 'image/png', family: 'png', kind: 'photo' },
  webp: { mediaType: 'image/webp', family: 'webp', kind: 'photo' },
};

export const ALLOWED_EXTENSIONS = Object.keys(TYPES);
export const ALLOWED_TYPES_TEXT = 'PDF、OFD、Word、Excel、PowerPoint、WPS 文档和 JPG/PNG/WebP 图片';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: Record<Family, (b: Uint8Array) => boolean> = {
  pdf: (b) => startsWith(b, ascii('%PDF-')),
  zip: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]),
  ole: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  jpeg: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  png: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  webp: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
};

export const extensionOf = (name: string): string => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
};

export type Identified =
  | { ok: true; extension: string; mediaType: string; kind: FileKind }
  | { ok: false; message: string };

/** Identifies an upload by its name and first bytes; a Chinese message when it may not be attached. */
export function identifyFile(name: string, head: Uint8Array): Identified {
  const ext = extensionOf(name);
  const type = TYPES[ext];
  if (!type) {
    return { ok: false, message: `不支持的文件类型${ext ? `(.${ext})` : ''},可上传${ALLOWED_TYPES_TEXT}` };
  }
  if (head.length === 0) return { ok: false, message: '文件是空的' };
  if (!SIGNATURES[type.family](head)) {
    return { ok: false, message: `文件内容与扩展名 .${ext} 不符,请确认文件未损坏或被改名` };
  }
  return { ok: true, extension: ext, mediaType: type.mediaType, kind: type.kind };
}

/**
 * A file name safe to store and show: no path, no control characters, at most 120 characters (keeping the
 * extension). Empty names become "附件".
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (!clean || /^\.+$/.test(clean)) return '附件';
  if (clean.length <= 120) return clean;
  const ext = extensionOf(clean);
  return `${clean.slice(0, 120 - ext.length - 1)}.${ext}`;
}
