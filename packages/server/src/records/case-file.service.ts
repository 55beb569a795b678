import { redactPayload, tiersOnCase, type Language } from '@homeward/core';
import { configure, TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { readCaseFile } from '../cases/case-file.repository';
import { asSeenBy } from '../cases/child-visibility';
import { toEvent } from '../cases/case-events.service';
import { toDetail } from '../cases/cases.service';
import type { Database } from '../db/schema';
import type { FileKeys } from '../documents/attachments.service';
import { open } from '../documents/file-crypto';
import { caseFileSummaryHtml } from './case-file-summary';

// The server has no web workers; compressing in the request is fine for one child's file.
configure({ useWebWorkers: false });

/** A file name safe in any ZIP tool: what was typed by people is reduced to plain characters. */
function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'file';
}

/**
 * A child's whole file as a ZIP: the profile and every event as JSON, a readable summary in the requested
 * language, and the attachments decrypted. With a passphrase every entry is AES-256 encrypted (WinZip AES,
 * which 7-Zip and the operating systems' tools open). The export is audited with the read, in one transaction.
 */
export async function exportCaseFile(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  request: { language: Language; passphrase?: string | undefined },
  keys: FileKeys,
): Promise<{ caseNumber: string; zip: Uint8Array }> {
  const { child, events, files } = await db
    .transaction()
    .execute((trx) =>
      readCaseFile(trx, actor, caseId, { encrypted: Boolean(request.passphrase), language: request.language }),
    );
  // The file leaves the system with no more than the exporter may read on screen: their tiers, as the case read.
  const detail = asSeenBy(actor, toDetail(child, child.reach), child.reach);
  const tiers = tiersOnCase(actor.access, child.reach);
  const shown = events.map((event) => ({ ...event, ...redactPayload(event.payload, tiers) }));
  const eventJson = shown.map(({ value, hidden, ...event }) => ({
    ...toEvent(event, events.find((later) => later.supersedes === event.id)?.id ?? null),
    payload: value,
    hidden,
  }));
  const options = request.passphrase ? { password: request.passphrase, encryptionStrength: 3 as const } : {};
  const writer = new ZipWriter(new Uint8ArrayWriter(), options);
  await writer.add('profile.json', new TextReader(JSON.stringify(detail, null, 2)));
  await writer.add('events.json', new TextReader(JSON.stringify(eventJson, null, 2)));
  const summary = caseFileSummaryHtml(
    detail,
    shown.map((event) => ({
      occurredOn: event.occurred_on,
      type: event.type,
      authorName: event.author_name,
      payload: event.value,
    })),
    request.language,
  );
  await writer.add('summary.html', new TextReader(summary));
  for (const [index, file] of files.entries()) {
    const data = open(keys.all, { keyId: file.key_id, iv: file.iv, authTag: file.auth_tag, content: file.content });
    const name = `attachments/${String(index + 1).padStart(2, '0')}-${safeName(file.file_name)}`;
    await writer.add(name, new Uint8ArrayReader(new Uint8Array(data)));
  }
  return { caseNumber: detail.caseNumber, zip: await writer.close() };
}
