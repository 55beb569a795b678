import PDFDocument from 'pdfkit';
import type { ReportResult } from '@homeward/core';
import { reportHeaderLines, reportText } from './report-text';
import { headingSpans, partView, splitColumns, type HeadingSpan } from './report-pdf-layout';
import { tableView, type TableView, type ViewCell } from './report-table-view';
import { reportFont } from './shaped-font';

const MARGIN = 36;
const CELL_PADDING = 3;
const LINE_COLOUR = '#8a96a3';
const HEADING_FILL = '#e8eef4';
const MUTED = '#4a5560';
/** Narrower than this, a count column's heading breaks inside its words: the table is cut into parts instead. */
const MIN_COLUMN = 40;
const MAX_COLUMN = 90;
const MIN_LABEL = 60;

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

/**
 * One table, in parts side by side when its columns would be narrower than `MIN_COLUMN` on the page (the month ×
 * case type × sex table has 24 counts): each part repeats the row labels, every part has the same column width.
 */
function drawTable(doc: Doc, view: TableView, result: ReportResult): void {
  const pageWidth = doc.page.width - MARGIN * 2;
  const labelWidth = labelColumnWidth(doc, view, pageWidth);
  const parts = splitColumns(view, Math.floor((pageWidth - labelWidth) / MIN_COLUMN));
  // Columns beside the counts and the total as wide as their longest heading word; the counts share the rest,
  // equally wide in every part.
  doc.font('bold').fontSize(9);
  const own = view.columns.map((column) =>
    column.place === 'count' || column.place === 'label'
      ? 0
      : Math.min(
          pageWidth / 5,
          Math.max(
            MIN_COLUMN,
            ...column.heading.split(/\s+/).map((word) => doc.widthOfString(word) + CELL_PADDING * 2 + 1),
          ),
        ),
  );
  const countWidth = Math.min(
    MAX_COLUMN,
    ...parts.map((part) =>
      equalWidth(
        part.columns.slice(1).map((i) => own[i] ?? 0),
        pageWidth - labelWidth,
      ),
    ),
  );
  const widths = view.columns.map((_, i) =>
    i === 0 ? (view.columns.length > 1 ? labelWidth : pageWidth) : Math.max(own[i] ?? 0, countWidth),
  );
  const continued = reportText(result.language, 'continued');
  for (const part of parts)
    drawPart(
      doc,
      partView(view, part, continued),
      result,
      part.columns.map((i) => widths[i] ?? 0),
    );
}

/**
 * The one width of every column of a part that fits `room`, the columns that need more than that (`least`) taking
 * what they need.
 */
function equalWidth(least: number[], room: number): number {
  let width = least.length > 0 ? room / least.length : MAX_COLUMN;
  for (let round = 0; round < least.length; round++) {
    const wide = least.filter((need) => need > width);
    const next = (room - wide.reduce((sum, need) => sum + need, 0)) / Math.max(1, least.length - wide.length);
    if (next === width) break;
    width = next;
  }
  return width;
}

function drawPart(doc: Doc, view: TableView, result: ReportResult, widths: number[]): void {
  const pageWidth = doc.page.width - MARGIN * 2;
  const fontSize = fittingFontSize(doc, view, widths);
  const width = widths.reduce((sum, w) => sum + w, 0);
  const rowHeight = (texts: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(fontSize);
    return (
      Math.max(...texts.map((t, i) => doc.heightOfString(t || ' ', { width: (widths[i] ?? 0) - CELL_PADDING * 2 }))) +
      CELL_PADDING * 2
    );
  };
  const heading = headingLayout(doc, view, widths, fontSize);

  doc.moveDown(1.2);
  if (doc.y + 40 + heading.height * 2 > bottom(doc)) doc.addPage();
  doc.font('bold').fontSize(11).fillColor('black').text(view.title, MARGIN, doc.y, { width: pageWidth });
  doc.font('regular').fontSize(8.5).fillColor(MUTED);
  doc.text(reportText(result.language, 'measure', { measure: view.measure }), { width: pageWidth });
  doc.moveDown(0.4);

  const drawHeading = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, width, heading.height).fill(HEADING_FILL);
    heading.draw(y);
    doc.y = y + heading.height;
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

/**
 * The heading rows. Columns of two dimensions get two: the first dimension's value once over its columns (the case
 * type over its sexes), the second's under it in each; every other heading stands across both.
 */
function headingLayout(
  doc: Doc,
  view: TableView,
  widths: number[],
  fontSize: number,
): { height: number; draw: (y: number) => void } {
  const spans = headingSpans(view.columns);
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  const spanWidth = (span: HeadingSpan) => widths.slice(span.from, span.to + 1).reduce((sum, w) => sum + w, 0);
  const textHeight = (text: string, width: number) =>
    doc
      .font('bold')
      .fontSize(fontSize)
      .heightOfString(text || ' ', { width: width - CELL_PADDING * 2 }) +
    CELL_PADDING * 2;
  const grouped = spans.filter((span) => span.group !== null);
  const top = Math.max(0, ...grouped.map((span) => textHeight(span.group ?? '', spanWidth(span))));
  const under = Math.max(
    0,
    ...view.columns.map((column, i) => (column.group ? textHeight(column.group.sub, widths[i] ?? 0) : 0)),
  );
  const single = Math.max(
    0,
    ...view.columns.map((column, i) => (column.group ? 0 : textHeight(column.heading, widths[i] ?? 0))),
  );
  const height = Math.max(single, top + under);
  const draw = (y: number) => {
    doc.font('bold').fontSize(fontSize).fillColor('black');
    for (const span of spans) {
      const x = xs[span.from] ?? MARGIN;
      const w = spanWidth(span);
      const options = (align: 'left' | 'right' | 'center', width: number) => ({
        width: width - CELL_PADDING * 2,
        align,
      });
      if (span.group === null) {
        const column = view.columns[span.from];
        // A heading across both rows sits on the lower line, over its counts, as the sexes do beside it.
        const h = textHeight(column?.heading ?? '', w);
        const at = grouped.length > 0 ? y + height - h : y;
        doc.text(
          column?.heading ?? '',
          x + CELL_PADDING,
          at + CELL_PADDING,
          options(span.from === 0 ? 'left' : 'right', w),
        );
        continue;
      }
      doc.text(span.group, x + CELL_PADDING, y + CELL_PADDING, options('center', w));
      doc
        .moveTo(x + CELL_PADDING, y + top - 1)
        .lineTo(x + w - CELL_PADDING, y + top - 1)
        .lineWidth(0.5)
        .strokeColor(LINE_COLOUR)
        .stroke();
      for (let i = span.from; i <= span.to; i++) {
        const sub = view.columns[i]?.group?.sub ?? '';
        doc
          .fillColor('black')
          .text(
            sub,
            (xs[i] ?? MARGIN) + CELL_PADDING,
            y + height - under + CELL_PADDING,
            options('right', widths[i] ?? 0),
          );
      }
    }
  };
  return { height, draw };
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

/** The largest size from 9 pt down at which every count fits its column. */
function fittingFontSize(doc: Doc, view: TableView, widths: number[]): number {
  for (let size = 9; size > 6; size -= 0.5) {
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

/**
 * The label column as wide as its longest label (at 9 pt), up to a third of the page: the corner heading wraps
 * within it rather than widen it, as long as its longest word fits.
 */
function labelColumnWidth(doc: Doc, view: TableView, width: number): number {
  doc.font('bold').fontSize(9);
  const labels = view.rows.map((row) => (row.cells[0]?.kind === 'label' ? row.cells[0].text : ''));
  const words = (view.columns[0]?.heading ?? '').split(/\s+/);
  const widest = Math.max(...[...labels, ...words].map((text) => doc.widthOfString(text)), MIN_LABEL);
  return Math.min(widest + CELL_PADDING * 2 + 2, width / 3);
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
