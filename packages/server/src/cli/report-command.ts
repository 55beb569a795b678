import { writeFile } from 'node:fs/promises';
import { reportRunQuerySchema } from '@homeward/core';
import { findUserByEmail } from '../auth/users.repository';
import { systemClock } from '../cases/cases.service';
import type { Config } from '../config';
import { actorForUser } from '../organisations/access-policy.repository';
import { renderReportFile } from '../reports/files/report-file';
import { runReport } from '../reports/reports.service';
import { appendAudit } from '../audit/audit.repository';
import { openMigrated } from './open';

export interface ReportCommandOptions {
  from: string;
  to: string;
  as: string;
  format: string;
  lang: string;
  referenceDate?: string;
  ageBands?: string;
  planned?: string;
  targetPercent?: string;
  out?: string;
  suppressBelow?: string;
}

/**
 * Runs a report as a named user, so the command sees exactly what that user would see through the API (their
 * organisation or province, their permission), and the run is audited under their name.
 */
export async function reportCommand(config: Config, id: string, options: ReportCommandOptions): Promise<string> {
  const query = reportRunQuerySchema.safeParse({
    from: options.from,
    to: options.to,
    lang: options.lang,
    format: options.format,
    referenceDate: options.referenceDate,
    ageBands: options.ageBands,
    planned: options.planned,
    targetPercent: options.targetPercent,
    suppressBelow: options.suppressBelow,
  });
  if (!query.success)
    throw new Error(query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  const format = query.data.format;
  if (format !== 'json' && !options.out) throw new Error(`Give --out FILE for a ${format} file.`);
  const db = await openMigrated(config);
  try {
    const user = await findUserByEmail(db.kysely, options.as.trim().toLowerCase());
    if (!user || user.disabled_at) throw new Error(`No active user ${options.as}.`);
    const actor = await actorForUser(db.kysely, user);
    const result = await runReport(db.kysely, actor, systemClock, id, query.data);
    const json = `${JSON.stringify(result, null, 2)}\n`;
    if (!options.out) return json;
    await writeFile(options.out, format === 'json' ? json : (await renderReportFile(result, format)).body);
    if (format !== 'json') {
      await appendAudit(db.kysely, {
        ...actor,
        action: 'report.export',
        detail: { reportId: result.reportId, format, from: result.from, to: result.to },
      });
    }
    return `Wrote “${result.title}” (${result.tables.length} tables) to ${options.out}.`;
  } finally {
    await db.close();
  }
}
