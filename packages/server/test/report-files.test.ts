import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, type TestContext } from 'vitest';
import { renderReportFile } from '../src/reports/files/report-file';
import { reportFont } from '../src/reports/files/shaped-font';
import { anonymisedQuarterlyReport, HOSTILE_LABELS, quarterlyReport, wideReport } from './support/report-results';

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

/** The row whose first cell says `label`, as plain values from column A on. */
function rowValues(sheet: ExcelJS.Worksheet, label: string): unknown[] {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(1).value === label)
      return Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value);
  }
  throw new Error(`no row "${label}" in ${sheet.name}`);
}

function rowNumber(sheet: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === label) return r;
  throw new Error(`no row "${label}" in ${sheet.name}`);
}

function allCells(workbook: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
  return cells;
}

const scratch = mkdtempSync(join(tmpdir(), 'homeward-report-files-'));

const POPPLER_MISSING =
  'The PDF tests read the files back with Poppler (pdftotext, pdftoppm, pdffonts): apt-get install -y poppler-utils';

/** As for PostgreSQL and Chromium: without the tool the test says so and skips, and under CI it fails. */
function needPoppler(context: TestContext): void {
  if (!spawnSync('pdftotext', ['-v']).error) return;
  if (process.env.CI === 'true') throw new Error(POPPLER_MISSING);
  console.warn(POPPLER_MISSING);
  context.skip(POPPLER_MISSING);
}

function pdfText(body: Buffer, name: string): string {
  const path = join(scratch, `${name}.pdf`);
  writeFileSync(path, body);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

/**
 * The quarterly report as it is counted while its quarter still runs, with the seed's "clients in the shelter"
 * before the residents' table and "reintegrated" after it, and a total that is not the sum of its rows.
 */
function unfinishedReport(language: 'en' | 'km') {
  const report = quarterlyReport(language);
  const notice = language === 'en' ? 'This period has not ended yet.' : 'រយៈពេលនេះមិនទាន់បញ្ចប់នៅឡើយទេ។';
  return {
    ...report,
    notices: [notice],
    tables: report.tables.map((table) =>
      table.id === 'residents-by-age-and-sex'
        ? {
            ...table,
            rowsOverlap: true,
            besides: [
              {
                key: 'in-shelter',
                label: 'In the shelter',
                position: 'before' as const,
                counts: [61, 51, 43],
                total: 70,
              },
              { key: 'reintegrated', label: 'Reintegrated', position: 'after' as const, counts: [12, 6, 9], total: 27 },
            ],
          }
        : table,
    ),
  };
}

describe('report files', () => {
  it('names each file from the report, its period and language, in ASCII', async () => {
    const file = await renderReportFile(quarterlyReport('km'), 'pdf');
    expect(file.fileName).toBe('shelter-quarterly_2026-01-01_2026-03-31_km.pdf');
    expect(file.contentType).toBe('application/pdf');
    const odd = await renderReportFile({ ...quarterlyReport('en'), reportId: 'ខ/../x y' }, 'csv');
    expect(odd.fileName).toBe('x-y_2026-01-01_2026-03-31_en.csv');
    expect(odd.contentType).toBe('text/csv; charset=utf-8');
    expect((await renderReportFile(quarterlyReport('en'), 'xlsx')).contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  describe('XLSX', () => {
    it('has one sheet per table with title, period, bold headings, totals, shares and targets', async () => {
      const workbook = await readWorkbook((await renderReportFile(quarterlyReport('en'), 'xlsx')).body);
      const names = workbook.worksheets.map((sheet) => sheet.name);
      expect(names).toHaveLength(4);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(4);
      for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
      expect(names[2]).toBe('Referrals to partner organisati');

      const referrals = workbook.worksheets[0]!;
      expect(referrals.getCell('A1').value).toBe('Shelter quarterly report');
      expect(referrals.getCell('A1').font.bold).toBe(true);
      expect(referrals.getCell('A2').value).toBe('Referrals by month, case type and planned numbers');
      expect(referrals.getCell('A3').value).toBe('Period: 2026-01-01 to 2026-03-31');

      const heading = referrals.getRow(rowNumber(referrals, 'Case type / Month'));
      expect(heading.getCell(2).value).toBe('January 2026');
      expect(heading.getCell(2).font.bold).toBe(true);
      expect(rowValues(referrals, 'Trafficking')).toEqual([
        'Trafficking',
        12,
        12 / 35,
        9,
        9 / 35,
        14,
        14 / 35,
        35,
        1,
        60,
      ]);
      expect(rowValues(referrals, 'Total')).toEqual(['Total', 39, 39 / 123, 38, 38 / 123, 46, 46 / 123, 123, 1, null]);
      expect(referrals.getRow(rowNumber(referrals, 'Total')).getCell(2).font.bold).toBe(true);
      expect(referrals.getRow(rowNumber(referrals, 'Trafficking')).getCell(3).numFmt).toBe('0.0%');
      expect(rowValues(referrals, 'Domestic violence: target')).toEqual([
        'Domestic violence: target',
        15,
        null,
        15,
        null,
        20,
        null,
        null,
        null,
        null,
      ]);
      expect(referrals.getColumn(1).width).toBeGreaterThanOrEqual(16);

      const residents = workbook.worksheets[1]!;
      expect(rowValues(residents, '0-10 years')).toEqual(['0-10 years', 8, 8 / 45, 3, 3 / 15, 11, 11 / 60]);
      const reintegrations = workbook.worksheets[3]!;
      expect(rowValues(reintegrations, 'Total')).toEqual(['Total', 30, 22, 52]);
      expect(rowValues(reintegrations, 'Target')).toEqual(['Target', 30, 20, 50]);
    });

    it('holds no formula, and text that looks like one stays text', async () => {
      const workbook = await readWorkbook((await renderReportFile(quarterlyReport('en'), 'xlsx')).body);
      const cells = allCells(workbook);
      expect(cells.length).toBeGreaterThan(100);
      for (const cell of cells) expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
      const partners = workbook.worksheets[2]!;
      for (const label of HOSTILE_LABELS) expect(rowValues(partners, `'${label}`)[1]).toEqual(expect.any(Number));
    });

    it('writes Khmer sheets in a Khmer font', async () => {
      const workbook = await readWorkbook((await renderReportFile(quarterlyReport('km'), 'xlsx')).body);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe('ការបញ្ជូនតាមខែ ប្រភេទករណី និងចំ');
      expect(sheet.getCell('A1').value).toBe('របាយការណ៍ប្រចាំត្រីមាសរបស់មណ្ឌលស្នាក់នៅ');
      expect(sheet.getCell('A1').font.name).toBe('Khmer OS Siemreap');
      expect(rowValues(sheet, 'សរុប')).toEqual(['សរុប', 39, 39 / 123, 38, 38 / 123, 46, 46 / 123, 123, 1, null]);
      expect(sheet.getRow(rowNumber(sheet, 'សរុប')).getCell(2).font.name).toBe('Khmer OS Siemreap');
    });

    it('marks hidden counts and says why', async () => {
      const workbook = await readWorkbook((await renderReportFile(anonymisedQuarterlyReport('en'), 'xlsx')).body);
      const residents = workbook.worksheets[1]!;
      expect(rowValues(residents, '0-10 years')).toEqual(['0-10 years', '*', null, '*', null, 11, 11 / 60]);
      const marker = residents.getRow(rowNumber(residents, '0-10 years')).getCell(2);
      expect(JSON.stringify(marker.note)).toContain('Hidden to protect the children');
      const values = allCells(workbook).map((cell) => cell.value);
      expect(values).toContain(
        '* Hidden to protect the children: counts above zero and below 5 are not shown, nor the other counts that would let them be worked out from the totals.',
      );
      expect(values).not.toContain(3);
    });
  });

  it('puts the notice, the columns beside and the total of each once in the spreadsheet and the CSV too', async () => {
    const workbook = await readWorkbook((await renderReportFile(unfinishedReport('en'), 'xlsx')).body);
    const residents = workbook.worksheets[1]!;
    const values = allCells(workbook).map((cell) => cell.value);
    expect(values).toContain('This period has not ended yet.');
    expect(rowValues(residents, '0-10 years')).toEqual([
      '0-10 years',
      61,
      8,
      expect.any(Number),
      3,
      expect.any(Number),
      11,
      expect.any(Number),
      12,
    ]);
    expect(rowValues(residents, 'Total (each once)')[1]).toBe(70);
    const csv = (await renderReportFile(unfinishedReport('km'), 'csv')).body.toString('utf8');
    expect(csv).toContain('រយៈពេលនេះមិនទាន់បញ្ចប់នៅឡើយទេ។');
    expect(csv).toContain('សរុប (រាប់តែម្តង)');
  });

  describe('CSV', () => {
    it('is UTF-8 with a byte-order mark, every table under its title, numbers as numbers', async () => {
      const { body } = await renderReportFile(quarterlyReport('en'), 'csv');
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('Shelter quarterly report');
      expect(text.replaceAll('\r\n', '')).not.toContain('\n');
      expect(lines).toContain('"Referrals by month, case type and planned numbers"');
      expect(lines).toContain('Residents by age band and sex');
      expect(lines).toContain(
        'Case type / Month,January 2026,% of row,February 2026,% of row,March 2026,% of row,Total,% of row,Target',
      );
      expect(lines).toContain('Trafficking,12,34.3,9,25.7,14,40,35,100,60');
      expect(lines).toContain('Total,39,31.7,38,30.9,46,37.4,123,100,');
      expect(lines).toContain('Target,30,20,50');
    });

    it('neutralises every label a spreadsheet would run', async () => {
      const lines = (await renderReportFile(quarterlyReport('en'), 'csv')).body.toString('utf8').split('\r\n');
      expect(lines).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")",9,18,9,18`);
      expect(lines).toContain(`"'+SUM(1,2)",14,28,14,28`);
      expect(lines).toContain(`'-1+1,5,10,5,10`);
      expect(lines).toContain(`'@cmd,22,44,22,44`);
      expect(lines.filter((line) => /^[=+\-@]/.test(line))).toEqual([]);
    });

    it('keeps Khmer as Khmer and marks hidden counts', async () => {
      const text = (await renderReportFile(anonymisedQuarterlyReport('km'), 'csv')).body.toString('utf8');
      const lines = text.split('\r\n');
      expect(lines[0]).toBe('\uFEFFរបាយការណ៍ប្រចាំត្រីមាសរបស់មណ្ឌលស្នាក់នៅ');
      expect(lines).toContain('០-១០ ឆ្នាំ,*,,*,,11,18.3');
      expect(lines).toContain('សរុប,45,100,15,100,60,100');
      expect(text).toContain('លាក់ទុកដើម្បីការពារកុមារ');
    });
  });

  describe('PDF', () => {
    it('has the title, period, scope, tables with totals and page numbers', async (context) => {
      needPoppler(context);
      const { body } = await renderReportFile(anonymisedQuarterlyReport('en'), 'pdf');
      expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(body, 'en');
      expect(text).toContain('Shelter quarterly report');
      expect(text).toContain('Period: 2026-01-01 to 2026-03-31');
      expect(text).toContain('Cases of: Tonle Children’s Shelter');
      expect(text).toContain('Generated 2026-04-02 15:30');
      expect(text).toMatch(/Trafficking\s+12\s+34\.3%\s+9\s+25\.7%\s+14\s+40\.0%\s+35\s+100\.0%\s+60/);
      expect(text).toMatch(/Total\s+39\s+31\.7%\s+38\s+30\.9%\s+46\s+37\.4%\s+123\s+100\.0%/);
      expect(text).toMatch(/0-10 years\s+\*\s+\*\s+11\s+18\.3%/);
      expect(text).toContain('Hidden to protect the children');
      expect(text).toMatch(/Page 1 of (\d)/);
      const pages = Number(/Page 1 of (\d)/.exec(text)?.[1]);
      expect(text).toContain(`Page ${pages} of ${pages}`);
      const info = execFileSync('pdfinfo', [join(scratch, 'en.pdf')], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    });

    it('embeds Noto Sans Khmer and renders both languages to images', async (context) => {
      needPoppler(context);
      for (const language of ['en', 'km'] as const) {
        const { body } = await renderReportFile(quarterlyReport(language), 'pdf');
        const path = join(scratch, `render-${language}.pdf`);
        writeFileSync(path, body);
        const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
        expect(fonts).toMatch(/NotoSansKhmer-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
        execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', path, join(scratch, `page-${language}`)]);
        const png = readFileSync(join(scratch, `page-${language}-1.png`));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.length).toBeGreaterThan(10_000);
      }
      expect(pdfText((await renderReportFile(quarterlyReport('km'), 'pdf')).body, 'km')).toContain('2026-01-01');
    });

    it('says the period has not ended, sets the columns counted beside a table, and labels a total of each once', async (context) => {
      needPoppler(context);
      const text = pdfText((await renderReportFile(unfinishedReport('en'), 'pdf')).body, 'unfinished');
      expect(text).toContain('This period has not ended yet.');
      expect(text).toMatch(/0-10 years\s+61\s+8\s+.*\s+11\s+.*\s+12\b/);
      expect(text).toMatch(/Total \(each once\)\s+70\s+45\s+/);
    });

    it('sets a table of 24 counts in two parts, each case type once over its sexes, no heading broken in a word', async (context) => {
      needPoppler(context);
      const text = pdfText((await renderReportFile(wideReport('en'), 'pdf')).body, 'wide-en');
      for (const heading of ['Domestic violence (DV)', 'Trafficking for labour (TL)', 'Other case types'])
        expect(text).toContain(heading);
      expect(text).toContain('Children referred, by month, case type and sex (continued)');
      expect(text.match(/Female/g)).toHaveLength(8);
      // Month 1 (row 0): case types 0-3 in the first part, 4-7, the total and those reintegrated in the second.
      const counts = (from: number, to: number, m: number) =>
        Array.from({ length: (to - from + 1) * 3 }, (_, c) => m + Math.floor(c / 3) + from + (c % 3)).join('\\s+');
      expect(text).toMatch(new RegExp(`Jan 2026\\s+${counts(0, 3, 0)}\\n`));
      expect(text).toMatch(new RegExp(`Jan 2026\\s+${counts(4, 7, 0)}\\s+\\d+\\s+7\\n`));
      // The second part's rows do not repeat the first part's counts: each row label twice, once per part.
      expect(text.match(/Feb 2026/g)).toHaveLength(2);

      const km = pdfText((await renderReportFile(wideReport('km'), 'pdf')).body, 'wide-km');
      // Khmer is copied out of a PDF in drawing order, so only the codes and counts are compared as text.
      for (const code of ['(DV)', '(TL)', '(ST)', '(SW)']) expect(km).toContain(code);
      expect(km).toMatch(new RegExp(`មករា 2026\\s+${counts(0, 3, 0)}\\n`));
      expect(km).toMatch(new RegExp(`មករា 2026\\s+${counts(4, 7, 0)}\\s+\\d+\\s+7\\n`));
      const path = join(scratch, 'wide-km.pdf');
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', path, join(scratch, 'wide-km')]);
      expect(readFileSync(join(scratch, 'wide-km-1.png')).subarray(1, 4).toString()).toBe('PNG');
    });

    it('shapes Khmer as HarfBuzz does: COENG RO drawn before its consonant, still copied as written', () => {
      const font = reportFont('regular') as unknown as {
        layout(text: string): { glyphs: { id: number; codePoints: number[] }[] };
      };
      const [first, second, third] = font.layout('ស្រី').glyphs;
      expect(first?.codePoints).toEqual([0x17d2, 0x179a]);
      expect(second?.codePoints).toEqual([0x179f]);
      expect(third?.codePoints).toEqual([0x17b8]);
      // A subscript consonant is its own glyph, not the full letter placed lower.
      const subscript = font.layout('ស្ត').glyphs.map((glyph) => glyph.id);
      const letter = font.layout('ត').glyphs[0]?.id;
      expect(subscript).toHaveLength(2);
      expect(subscript).not.toContain(letter);
    });
  });
});
