import { translations, type CaseDetail, type Language } from '@homeward/core';

export interface SummaryEvent {
  occurredOn: string;
  type: string;
  authorName: string | null;
  payload: Record<string, unknown>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${valueText(item)}`)
      .join('; ');
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The child's file as one page anyone can open without Homeward: a court or the young person themselves reads
 * it in a browser. Every value is escaped, since it was typed by people.
 */
export function caseFileSummaryHtml(detail: CaseDetail, events: readonly SummaryEvent[], language: Language): string {
  const words = translations[language].records.file;
  const codes = translations[language].codes;
  const eventTypes: Record<string, string> = codes.eventType;
  const statuses: Record<string, string> = codes.caseStatus;
  const names = [detail.familyNameKm, detail.givenNameKm].filter(Boolean).join(' ');
  const latin = [detail.familyNameLatin, detail.givenNameLatin].filter(Boolean).join(' ');
  // The export follows the exporter's tiers: a role that may not read identity takes the file without it.
  const withheld = detail.hidden?.includes('identity') ? words.withheld : '';
  const born = detail.dateOfBirth
    ? detail.dateOfBirth + (detail.dateOfBirthEstimated ? ` (${words.estimated})` : '')
    : withheld;
  const profile: [string, string][] = [
    [words.caseNumber, detail.caseNumber],
    [words.name, [names, latin].filter(Boolean).join(' / ') || withheld],
    [words.alias, detail.alias ?? ''],
    [words.dateOfBirth, born],
    [words.status, statuses[detail.status] ?? detail.status],
    [words.openedOn, detail.openedOn],
  ];
  const rows = events.map((event) => {
    const facts = Object.entries(event.payload)
      .filter(([, value]) => !isEmpty(value))
      .map(([key, value]) => `<li>${escapeHtml(key)}: ${escapeHtml(valueText(value))}</li>`)
      .join('');
    return (
      `<tr><td>${escapeHtml(event.occurredOn)}</td><td>${escapeHtml(eventTypes[event.type] ?? event.type)}</td>` +
      `<td>${escapeHtml(event.authorName ?? '')}</td><td><ul>${facts}</ul></td></tr>`
    );
  });
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><title>${escapeHtml(words.title)} ${escapeHtml(detail.caseNumber)}</title>
<style>body{font-family:sans-serif;margin:2rem;line-height:1.5}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;vertical-align:top;text-align:left}</style></head>
<body>
<h1>${escapeHtml(words.title)} ${escapeHtml(detail.caseNumber)}</h1>
<p><strong>${escapeHtml(words.confidential)}</strong></p>
<dl>${profile.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<h2>${escapeHtml(words.events)}</h2>
<table><thead><tr><th>${escapeHtml(words.date)}</th><th>${escapeHtml(words.event)}</th><th>${escapeHtml(words.recordedBy)}</th><th>${escapeHtml(words.details)}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</body></html>
`;
}
