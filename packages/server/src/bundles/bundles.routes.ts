import fastifyMultipart from '@fastify/multipart';
import {
  bundleRequestSchema,
  DomainError,
  importOptionsSchema,
  importResultSchema,
  installationCardSchema,
  installationSchema,
  newPartnerSchema,
} from '@homeward/core';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../access/require-permission';
import type { AppContext } from '../http/context';
import { commonErrors, problemSchema } from '../http/openapi-shapes';
import { RATE_LIMITS } from '../http/rate-limits';
import { requireUser } from '../http/session';
import { exportBundle } from './bundle-export.service';
import { importBundle } from './bundle-import.service';
import { addPartner, ownIdentity, readInstallation, removePartner } from './installation.service';

/** A bundle holds whole case files with their documents: larger than one upload, bounded all the same. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const errors = { ...commonErrors, 409: problemSchema, 413: problemSchema, 429: problemSchema };

/** The bundle file and the form's fields (passphrase, choices as JSON), the file last. */
async function readBundleUpload(request: FastifyRequest): Promise<{ data: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart())
    throw new DomainError('invalid', 'Send the case file as multipart/form-data.', [], 'not_multipart');
  try {
    const part = await request.file();
    if (!part)
      throw new DomainError('invalid', 'Choose a case file to import.', [
        { field: 'file', message: 'Choose a case file to import.' },
      ]);
    const data = await part.toBuffer();
    const fields: Record<string, string> = {};
    for (const [name, field] of Object.entries(part.fields)) {
      if (field && !Array.isArray(field) && field.type === 'field' && typeof field.value === 'string')
        fields[name] = field.value;
    }
    return { data, fields };
  } catch (error) {
    if (error instanceof DomainError || (error as Partial<FastifyError>).statusCode) throw error;
    throw new DomainError('invalid', 'The upload was cut short or is not a valid form.', [], 'malformed_multipart');
  }
}

function importOptionsFrom(fields: Record<string, string>) {
  let choices: unknown;
  try {
    choices = fields.choices ? JSON.parse(fields.choices) : undefined;
  } catch {
    throw new DomainError('invalid', 'The choices are not valid JSON.', [
      { field: 'choices', message: 'Not valid JSON.' },
    ]);
  }
  const parsed = importOptionsSchema.safeParse({ passphrase: fields.passphrase || undefined, choices });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw new DomainError('invalid', issues[0]?.message ?? 'The form is not valid.', issues, 'validation');
  }
  return parsed.data;
}

export function bundlesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_BUNDLE_BYTES, files: 1, fields: 4, fieldSize: 64 * 1024 },
    });

    app.get(
      '/installation',
      {
        schema: {
          tags: ['bundles'],
          summary: 'This installation’s public card and the partner installations the organisation trusts',
          response: { 200: installationSchema, ...errors },
        },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        return readInstallation(ctx.db, user.actor, ctx.fileKeys);
      },
    );

    app.get(
      '/installation/card',
      {
        schema: {
          tags: ['bundles'],
          summary: 'Download this installation’s card (public keys and fingerprint) to give to a partner',
          response: { 200: installationCardSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        requirePermission(user.actor, 'installation.manage');
        const { card } = await readInstallation(ctx.db, user.actor, ctx.fileKeys);
        return reply
          .header('content-disposition', `attachment; filename="homeward-card-${card.fingerprint.slice(0, 8)}.json"`)
          .send(card);
      },
    );

    app.post(
      '/installation/partners',
      {
        schema: {
          tags: ['bundles'],
          summary: 'Trust a partner installation by its card, with the fingerprint checked with the partner',
          body: newPartnerSchema,
          response: { 200: z.object({ id: z.uuid() }), 201: z.object({ id: z.uuid() }), ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { id, created } = await addPartner(ctx.db, user.actor, request.body, ctx.fileKeys);
        return reply.code(created ? 201 : 200).send({ id });
      },
    );

    app.delete(
      '/installation/partners/:partnerId',
      {
        schema: {
          tags: ['bundles'],
          summary: 'Stop trusting a partner installation (its bundles are refused from now on)',
          params: z.object({ partnerId: z.uuid() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        await removePartner(ctx.db, user.actor, request.params.partnerId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/bundles',
      {
        schema: {
          tags: ['bundles'],
          summary: 'A signed, encrypted case file of one case or several, for a partner installation or a passphrase',
          description:
            'Refused (409 no_sharing_consent) when a child’s consent to share is not recorded. Audited per case as bundle.export.',
          body: bundleRequestSchema,
          produces: ['application/octet-stream'],
          response: errors,
        },
        config: { rateLimit: RATE_LIMITS.export },
      },
      async (request, reply) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const file = await exportBundle(ctx.db, user.actor, request.body, ctx.fileKeys);
        return (
          reply
            .type('application/octet-stream')
            .header('content-disposition', `attachment; filename="${file.fileName}"`)
            // A file, not JSON: Fastify sends a Buffer as it is, outside the response schemas.
            .send(file.data as never)
        );
      },
    );

    app.post(
      '/bundles/import',
      {
        schema: {
          tags: ['bundles'],
          summary: 'Import a case file from a trusted partner (multipart: passphrase, choices, file)',
          description:
            'Checked before anything is stored: form, receiver, decryption, a trusted sender and its signature. ' +
            'A case already imported answers with the case made then. With likely matches among your children and ' +
            'no `choices`, nothing is imported and the matches are answered (status needs_choice).',
          consumes: ['multipart/form-data'],
          response: { 200: importResultSchema, ...errors },
        },
        bodyLimit: MAX_BUNDLE_BYTES + 1024 * 1024,
        config: { rateLimit: RATE_LIMITS.upload },
      },
      async (request) => {
        const user = await requireUser(request, ctx.db, ctx.config);
        const { data, fields } = await readBundleUpload(request);
        return importBundle(ctx.db, user.actor, data, importOptionsFrom(fields), ctx.fileKeys, ctx.clock);
      },
    );
  };
}

/** The identity is made when the server starts, not on the first request that needs it. */
export async function prepareInstallation(ctx: AppContext): Promise<void> {
  await ownIdentity(ctx.db, ctx.fileKeys);
}
