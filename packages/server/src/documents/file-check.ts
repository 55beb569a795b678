import { ALLOWED_MEDIA_TYPES, DomainError, MAX_ATTACHMENT_BYTES, type AttachmentKind } from '@homeward/core';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';

function refuse(message: string, code: string): never {
  throw new DomainError('invalid', message, [{ field: 'file', message, code }], code);
}

/**
 * Accepts a file only for what its bytes are, not its name, and removes what a photo says about where and
 * when it was taken: EXIF (GPS position, camera, time) would show where a child lives.
 */
export async function checkedFile(kind: AttachmentKind, data: Buffer): Promise<{ data: Buffer; mediaType: string }> {
  if (data.length === 0) refuse('The file is empty.', 'empty_file');
  if (data.length > MAX_ATTACHMENT_BYTES) refuse('The file is larger than 10 MB.', 'file_too_large');
  const detected = await fileTypeFromBuffer(data);
  if (!detected || !ALLOWED_MEDIA_TYPES[kind].includes(detected.mime)) {
    refuse(
      kind === 'photo' ? 'A photo must be a JPEG, PNG or WebP image.' : 'A document must be a PDF or an image.',
      'file_type',
    );
  }
  if (!detected.mime.startsWith('image/')) return { data, mediaType: detected.mime };
  try {
    // sharp writes no metadata unless asked; rotate() first applies the EXIF orientation it is about to drop.
    const clean = await sharp(data).rotate().toBuffer();
    return { data: clean, mediaType: detected.mime };
  } catch {
    refuse('This image cannot be read; it may be damaged.', 'file_unreadable');
  }
}
