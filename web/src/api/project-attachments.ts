import type { z } from 'zod';
import type { ProjectAttachment, ProjectAttachmentList } from '../../../domain/projects/contracts.ts';
import { http } from './client.ts';

export type AttachmentList = z.infer<typeof ProjectAttachmentList>;
export type Attachment = z.infer<typeof ProjectAttachment>;

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/attachments`;

export const attachmentsApi = {
  list: (projectId: string) => http.get<AttachmentList>(base(projectId)),
  upload: (projectId: string, file: File, caption: string) => {
    const form = new FormData();
    if (caption.trim()) form.append('caption', caption.trim());
    form.append('file', file, file.name);
    return http.upload<Attachment>(base(projectId), form);
  },
  remove: (projectId: string, attachmentId: string) =>
    http.del<void>(`${base(projectId)}/${encodeURIComponent(attachmentId)}`),
};
