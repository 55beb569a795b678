import PDFDocument from 'pdfkit';
import type { ReportResult } from '@homeward/core';
import { reportHeaderLines, reportText } from './report-text';
import { tableView, type TableView, type ViewCell } from './report-table-view';
import { reportFont } from './shaped-font';

const MARGIN = 36;
const CELL_PADDING = 3;
const LINE_COLOUR = '#8a96a3';
const HEADING_FILL = '#e8eef4';
const MUTED = '#4a5560';

type Doc = PDFKit.PDFDocument;

/** A4 landscape: the title block, then each table with its totals, notes, and page numbers in the footer. */
export async function renderPdf(result: ReportResult): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: result.language === 'km' ? 'km-KH' : 'en-GB',
    info: { Title: result.title, Creator: 'Homeward', CreationDate: new Date(result.generatedAt) },
  });
  doc.registerFont('regular', reportFont('regular'));
  doc.registerFont('bold', reportFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));

  doc.font('bold').fontSize(16).fillColor('black').text(result.title);
  doc.font('regular').fontSize(9).fillColor(MUTED);
  for (const line of reportHeaderLines(result)) {
    const notice = result.notices.includes(line);
    doc
      .font(notice ? 'bold' : 'regular')
      .fillColor(notice ? 'black' : MUTED)
      .text(line);
  }
  for (const table of result.tables) drawTable(doc, tableView(table, result.language), result);
  numberPages(doc, result);

  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function drawTable(doc: Doc, view: TableView, result: ReportResult): void {
  const pageWidth = doc.page.width - MARGIN * 2;
  const fontSize = fittingFontSize(doc, view, pageWidth);
  const widths = columnWidths(doc, view, pageWidth, fontSize);
  const width = widths.reduce((sum, w) => sum + w, 0);
  const rowHeight = (texts: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(fontSize);
    return (
      Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: (widths[i] ?? 0) - CELL_PADDING * 2 }))) +
      CELL_PADDING * 2
    );
  };
  const headings = view.columns.map((column) => column.heading);
  const headingHeight = rowHeight(headings, 'bold');

  doc.moveDown(1.2);
  if (doc.y + 40 + headingHeight * 3 > bottom(doc)) doc.addPage();
  doc.font('bold').fontSize(11).fillColor('black').text(view.title, MARGIN, doc.y, { width: pageWidth });
  doc.font('regular').fontSize(8.5).fillColor(MUTED);
  doc.text(reportText(result.language, 'measure', { measure: view.measure }), { width: pageWidth });
  doc.moveDown(0.4);

  const drawHeading = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, width, headingHeight).fill(HEADING_FILL);
    drawRow(doc, headings, widths, y, 'bold', (i) => (i === 0 ? 'left' : 'right'), 'black', fontSize);
    doc.y = y + headingHeight;
  };
  drawHeading();

  for (const row of view.rows) {
    const texts = row.cells.map((cell) => cellText(cell, result.language));
    const font = row.role === 'total' ? 'bold' : 'regular';
    const height = rowHeight(texts, font);
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      drawHeading();
    }
    const y = doc.y;
    const line = row.role === 'total' ? 0.9 : 0.3;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(line)
      .strokeColor(LINE_COLOUR)
      .stroke();
    drawRow(
      doc,
      texts,
      widths,
      y,
      font,
      (i) => (i === 0 ? 'left' : 'right'),
      row.role === 'target' ? MUTED : 'black',
      fontSize,
    );
    doc.y = y + height;
  }
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width, doc.y)
    .lineWidth(0.3)
    .strokeColor(LINE_COLOUR)
    .stroke();

  const notes = [...view.notes];
  if (view.rows.some((row) => row.cells.some((cell) => cell.kind === 'hidden'))) {
    notes.push(reportText(result.language, 'suppressed', { threshold: result.suppressionThreshold ?? '' }));
  }
  doc.font('regular').fontSize(8).fillColor(MUTED);
  if (notes.length > 0) doc.moveDown(0.4);
  for (const note of notes) doc.text(note, MARGIN, doc.y, { width: pageWidth });
}

function drawRow(
  doc: Doc,
  texts: string[],
  widths: number[],
  y: number,
  font: 'regular' | 'bold',
  align: (index: number) => 'left' | 'right',
  colour: string,
  fontSize: number,
): void {
  doc.font(font).fontSize(fontSize).fillColor(colour);
  let x = MARGIN;
  texts.forEach((text, i) => {
    const width = widths[i] ?? 0;
    doc.text(text, x + CELL_PADDING, y + CELL_PADDING, { width: width - CELL_PADDING * 2, align: align(i) });
    x += width;
  });
}

/** The largest size from 9 pt down at which every count fits its column, so wide tables stay on the page. */
function fittingFontSize(doc: Doc, view: TableView, width: number): number {
  for (let size = 9; size > 6; size -= 0.5) {
    const widths = columnWidths(doc, view, width, size);
    const fits = view.rows.every((row) =>
      row.cells.every(
        (cell, i) =>
          cell.kind === 'label' ||
          doc.font('bold').fontSize(size).widthOfString(cellText(cell, 'en')) <= (widths[i] ?? 0) - CELL_PADDING * 2,
      ),
    );
    if (fits) return size;
  }
  return 6;
}

/** The label column as wide as its longest label, up to a third of the page; the counts share the rest. */
function columnWidths(doc: Doc, view: TableView, width: number, fontSize: number): number[] {
  const labels = view.rows.map((row) => (row.cells[0]?.kind === 'label' ? row.cells[0].text : ''));
  const widest = Math.max(
    doc
      .font('bold')
      .fontSize(fontSize)
      .widthOfString(view.columns[0]?.heading ?? ''),
    ...labels.map((label) => doc.font('bold').widthOfString(label)),
  );
  const labelWidth = Math.min(widest + CELL_PADDING * 2 + 2, width / 3);
  const others = view.columns.length - 1;
  const share = others > 0 ? (width - labelWidth) / others : 0;
  return view.columns.map((_, i) => (i === 0 ? (others > 0 ? labelWidth : width) : Math.min(share, 90)));
}

function cellText(cell: ViewCell, language: ReportResult['language']): string {
  switch (cell.kind) {
    case 'label':
      return cell.text;
    case 'count':
    case 'target':
      return cell.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    case 'percent':
      return `${(cell.value * 100).toFixed(1)}%`;
    case 'hidden':
      return reportText(language, 'suppressedMarker');
    case 'blank':
      return '';
  }
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Written once all pages exist, so that each can say "of N"; inside the bottom margin, where text may not flow. */
function numberPages(doc: Doc, result: ReportResult): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 4;
    const width = doc.page.width - MARGIN * 2;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(result.title, MARGIN, y, { width: width * 0.7, lineBreak: false });
    const page = reportText(result.language, 'page', { page: i - start + 1, pages: count });
    doc.text(page, MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
