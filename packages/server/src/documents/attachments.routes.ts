import fastifyMultipart from '@fastify/multipart';
import { attachmentListSchema, attachmentSchema, DomainError, MAX_ATTACHMENT_BYTES } from '@homeward/core';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context';
import { idParams, commonErrors, problemSchema } from '../http/openapi-shapes';
import { RATE_LIMITS } from '../http/rate-limits';
import { requireUser } from '../http/session';
import { caseAttachments, downloadAttachment, uploadAttachment } from './attachments.service';

const errors = commonErrors;

/**
 * The file part and its bytes. A form cut short or mangled makes the multipart parser fail with a bare error,
 * which is the client's doing; the limits it enforces (file too large) keep their own status.
 */
async function readUpload(request: FastifyRequest) {
  try {
    const part = await request.file();
    if (!part)
      throw new DomainError('invalid', 'Choose a file to upload.', [
        { field: 'file', message: 'Choose a file to upload.' },
      ]);
    return { part, data: await part.toBuffer() };
  } catch (error) {
    if (error instanceof DomainError || (error as Partial<FastifyError>).statusCode) throw error;
    throw new DomainError('invalid', 'The upload was cut short or is not a valid form.', [], 'malformed_multipart');
  }
}

export function attachmentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, fieldSize: 1024 },
    });

    app.post(
      '/cases/:id/attachments',
      {
        schema: {
          tags: ['documents'],
          summary: 'Add a photo or document to a case (multipart: kind, title, file)',
          description:
            'Checked by content type and size, photo metadata (EXIF, GPS) removed, stored encrypted. A photo needs photo consent.',
          params: idParams,
          consumes: ['multipart/form-data'],
          response: { 201: attachmentSchema, 413: problemSchema, 429: problemSchema, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.upload },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        if (!request.isMultipart())
          throw new DomainError('invalid', 'Send the file as multipart/form-data.', [], 'not_multipart');
        const { part, data } = await readUpload(request);
        const fields = Object.fromEntries(
          Object.entries(part.fields).flatMap(([name, field]) =>
            field && !Array.isArray(field) && field.type === 'field' ? [[name, field.value]] : [],
          ),
        );
        const stored = await uploadAttachment(
          ctx.db,
          user.actor,
          request.params.id,
          { fields, fileName: part.filename, data },
          ctx.fileKeys,
          ctx.clock,
        );
        return reply.code(201).send(stored);
      },
    );

    app.get(
      '/cases/:id/attachments',
      {
        schema: {
          tags: ['documents'],
          summary: 'The photos and documents of a case',
          params: idParams,
          response: { 200: attachmentListSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return { items: await caseAttachments(ctx.db, user.actor, request.params.id) };
      },
    );

    app.get(
      '/cases/:id/attachments/:attachmentId',
      {
        schema: {
          tags: ['documents'],
          summary: 'Download one file (decrypted; every download is audited)',
          params: idParams.extend({ attachmentId: z.uuid() }),
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const file = await downloadAttachment(
          ctx.db,
          user.actor,
          request.params.id,
          request.params.attachmentId,
          ctx.fileKeys,
        );
        return reply
          .type(file.mediaType)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('cache-control', 'no-store')
          .send(file.data);
      },
    );
  };
}
