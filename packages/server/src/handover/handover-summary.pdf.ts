import PDFDocument from 'pdfkit';
import { translations, type CaseDetail, type CaseEvent, type HandoverItem, type Language } from '@homeward/core';
import { reportFont } from '../reports/files/shaped-font';

/**
 * The printable handover summary (issue 10 point 4): a cover listing the cases for one receiver (or all), then
 * one page per child, in Khmer or English, with a line for the receiver's signature. For a receiver on paper
 * and for the authorities receiving a child who cannot be found.
 */
export interface SummaryChild {
  item: HandoverItem;
  /** The case as the printing user may see it: names withheld where their tiers or reach withhold them. */
  detail: CaseDetail | null;
  events: CaseEvent[];
}

export interface SummaryInput {
  language: Language;
  organisationName: string;
  planName: string;
  reason: string;
  approvedByName: string | null;
  approvedAt: string | null;
  receiverName: string | null;
  printedAt: string;
  children: SummaryChild[];
}

const MARGIN = 48;
const MUTED = '#4a5560';
const LINE = '#8a96a3';
/** The latest entries of the history a receiver needs to pick the case up. */
const HISTORY_LINES = 12;

type Doc = PDFKit.PDFDocument;

function words(language: Language) {
  const pdf = translations[language].handover.pdf as Record<string, string>;
  return (key: string, values: Record<string, string | number> = {}) =>
    (pdf[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

export async function renderHandoverSummary(input: SummaryInput): Promise<Buffer> {
  const t = words(input.language);
  const codes = translations[input.language].codes as Record<string, Record<string, string>>;
  const handover = translations[input.language].handover;
  const code = (group: string, value: string | null | undefined) => (value ? (codes[group]?.[value] ?? value) : '—');
  const title = input.receiverName ? t('forReceiver', { receiver: input.receiverName }) : t('title');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: input.language === 'km' ? 'km-KH' : 'en-GB',
    info: { Title: title, Creator: 'Homeward' },
  });
  doc.registerFont('regular', reportFont('regular'));
  doc.registerFont('bold', reportFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  const width = doc.page.width - MARGIN * 2;

  const header = () => {
    doc.font('bold').fontSize(16).fillColor('black').text(title, { width });
    doc.font('regular').fontSize(9.5).fillColor(MUTED);
    doc.text(t('from', { organisation: input.organisationName, plan: input.planName }), { width });
    doc.text(t('reason', { reason: input.reason }), { width });
    doc.text(
      input.approvedByName && input.approvedAt
        ? t('approved', { name: input.approvedByName, date: input.approvedAt.slice(0, 10) })
        : t('notApproved'),
      { width },
    );
    doc.text(t('generated', { date: input.printedAt }), { width });
    doc.moveDown(0.8);
  };

  // The cover: every case of the summary in one table.
  header();
  doc
    .font('bold')
    .fontSize(11)
    .fillColor('black')
    .text(t('cases', { count: input.children.length }));
  doc.moveDown(0.3);
  const columns = [
    { key: 'caseNumber', width: 0.2 },
    { key: 'child', width: 0.28 },
    { key: 'type', width: 0.2 },
    { key: 'receiver', width: 0.32 },
  ];
  const row = (texts: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(9);
    const heights = texts.map((text, i) => doc.heightOfString(text || ' ', { width: columns[i]!.width * width - 6 }));
    const height = Math.max(...heights) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    texts.forEach((text, i) => {
      doc.fillColor('black').text(text, x + 3, y + 3, { width: columns[i]!.width * width - 6 });
      x += columns[i]!.width * width;
    });
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + width, y + height)
      .lineWidth(0.3)
      .strokeColor(LINE)
      .stroke();
    doc.y = y + height;
  };
  row(
    columns.map((column) => t(column.key)),
    'bold',
  );
  for (const child of input.children) {
    row(
      [
        child.item.caseNumber,
        nameOf(child.detail) ?? t('withheld'),
        child.item.type ? handover.type[child.item.type] : '—',
        child.item.receiverName ?? '—',
      ],
      'regular',
    );
  }

  // One page per child.
  for (const child of input.children) {
    doc.addPage();
    header();
    const field = (label: string, value: string) => {
      doc.font('bold').fontSize(9.5).fillColor('black').text(`${label}: `, { continued: true, width });
      doc.font('regular').text(value || '—', { width });
    };
    doc
      .font('bold')
      .fontSize(12)
      .text(`${t('child')} — ${child.item.caseNumber}`, { width });
    doc.moveDown(0.3);
    const detail = child.detail;
    field(t('name'), nameOf(detail) ?? t('withheld'));
    if (detail?.alias) field(t('alias'), detail.alias);
    field(t('sex'), code('sex', detail?.sex));
    field(
      t('born'),
      detail?.dateOfBirth
        ? `${detail.dateOfBirth}${detail.dateOfBirthEstimated ? ` (${t('estimated')})` : ''}`
        : t('withheld'),
    );
    field(t('caseNumber'), child.item.caseNumber);
    field(t('caseTypes'), child.item.caseTypes.map((type) => code('caseType', type)).join(', '));
    field(t('status'), code('caseStatus', child.item.caseStatus));
    if (detail) field(t('opened'), detail.openedOn);
    field(t('worker'), child.item.workerName ?? '—');
    field(t('lead'), child.item.leadOrganisationName);
    doc.moveDown(0.4);
    field(
      t('type'),
      child.item.type ? `${handover.type[child.item.type]} — ${handover.typeHint[child.item.type]}` : '—',
    );
    field(t('kind'), `${handover.kind[child.item.kind]} — ${handover.kindHint[child.item.kind]}`);
    field(t('receiver'), child.item.receiverName ?? '—');
    if (child.item.type === 'close_as_stable') {
      field(
        t('closure'),
        input.approvedByName && input.approvedAt
          ? t('closureApproved', { name: input.approvedByName, date: input.approvedAt.slice(0, 10) })
          : t('closurePending'),
      );
    }
    if (child.item.note) field(t('note'), child.item.note);
    doc.moveDown(0.6);
    doc.font('bold').fontSize(11).text(t('history'), { width });
    doc.font('regular').fontSize(9);
    const recent = child.events.slice(-HISTORY_LINES);
    if (recent.length === 0) doc.fillColor(MUTED).text(t('noHistory'), { width });
    for (const event of recent) {
      doc
        .fillColor('black')
        .text(`${event.occurredOn}   ${code('eventType', event.type)} — ${event.organisationName}`, { width });
    }
    doc.moveDown(2);
    doc.font('regular').fontSize(10).fillColor('black').text(t('signature'), { width });
    doc.moveDown(2.2);
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width * 0.7, doc.y)
      .lineWidth(0.6)
      .strokeColor('black')
      .stroke();
  }

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(t('page', { page: i - start + 1, pages: count }), MARGIN, doc.page.height - MARGIN, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function nameOf(detail: CaseDetail | null): string | null {
  if (!detail) return null;
  const km = [detail.familyNameKm, detail.givenNameKm].filter(Boolean).join(' ');
  const latin = [detail.familyNameLatin, detail.givenNameLatin].filter(Boolean).join(' ');
  const both = [km, latin].filter(Boolean).join(' / ');
  return both || null;
}

export type { Doc };
