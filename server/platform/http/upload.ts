import type { FastifyRequest } from 'fastify';
import { appError, type FieldError } from '../errors/app-error.ts';

/**
 * One uploaded file with an optional caption, read from a multipart request (`file` and `caption`, in any order).
 * A file over the limit or a missing file is a field error in Chinese; other parts are drained and ignored.
 */
export async function readUpload(req: FastifyRequest, limits: { maxBytes: number; captionMax: number }) {
  let file: { name: string; bytes: Buffer } | null = null;
  let caption: string | null = null;
  for await (const part of req.parts({ limits: { fileSize: limits.maxBytes, files: 1, fields: 5 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        await part.toBuffer();
        continue;
      }
      try {
        file = { name: part.filename, bytes: await part.toBuffer() };
      } catch (e) {
        if ((e as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw e;
        throw appError('VALIDATION_FAILED', {
          fields: [{ path: 'file', message: `文件不能超过${limits.maxBytes / 1024 / 1024}MB` }],
        });
      }
    } else if (part.fieldname === 'caption') {
      caption = String(part.value ?? '').trim() || null;
    }
  }
  const fields: FieldError[] = [];
  if (!file) fields.push({ path: 'file', message: '请选择要上传的文件' });
  if (caption && caption.length > limits.captionMax) {
    fields.push({ path: 'caption', message: `说明不能超过${limits.captionMax}个字` });
  }
  if (fields.length || !file) throw appError('VALIDATION_FAILED', { fields });
  return { ...file, caption };
}
