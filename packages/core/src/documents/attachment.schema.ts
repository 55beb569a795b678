import { z } from 'zod';

export const ATTACHMENT_KINDS = ['photo', 'document'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** What may be uploaded: photos as JPEG, PNG or WebP; documents also as PDF. Checked by content, not by name. */
export const ALLOWED_MEDIA_TYPES: Record<AttachmentKind, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/webp'],
  document: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
};
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const attachmentFieldsSchema = z.object({
  kind: z.enum(ATTACHMENT_KINDS),
  title: z.string().trim().min(1, { message: 'Give the file a title.' }).max(200),
});

export const attachmentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: z.enum(ATTACHMENT_KINDS),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;
export const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });
