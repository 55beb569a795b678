import { suppressSmallCells, type ReportResult, type ReportTable } from '@homeward/core';

/**
 * Hand-made answers of the report engine, in both languages, for the file exports: several tables, targets per
 * row, column, cell and overall, every kind of percentage, labels that try to smuggle a formula into a
 * spreadsheet, and an anonymised variant with hidden counts.
 */

type Labels = Record<string, string>;

function table(
  fields: Omit<
    ReportTable,
    'rowTotals' | 'columnTotals' | 'grandTotal' | 'cells' | 'rowsOverlap' | 'columnsOverlap' | 'besides'
  > & { cells: number[][] } & Partial<Pick<ReportTable, 'besides'>>,
): ReportTable {
  const rowTotals = fields.cells.map((row) => row.reduce((sum, n) => sum + n, 0));
  const columnTotals = fields.columns.map((_, c) => fields.cells.reduce((sum, row) => sum + (row[c] ?? 0), 0));
  return {
    besides: [],
    ...fields,
    rowTotals,
    columnTotals,
    grandTotal: rowTotals.reduce((sum, n) => sum + n, 0),
    rowsOverlap: false,
    columnsOverlap: false,
  };
}

const EN: Labels = {
  title: 'Shelter quarterly report',
  scope: 'Tonle Children’s Shelter',
  referrals: 'Referrals by month, case type and planned numbers',
  children: 'Children',
  caseType: 'Case type',
  month: 'Month',
  trafficking: 'Trafficking',
  rape: 'Rape',
  violence: 'Domestic violence',
  jan: 'January 2026',
  feb: 'February 2026',
  mar: 'March 2026',
  residents: 'Residents by age band and sex',
  ageBand: 'Age band',
  sex: 'Sex',
  girls: 'Girls',
  boys: 'Boys',
  young: '0-10 years',
  teen: '11-17 years',
  adult: '18-25 years',
  partners: 'Referrals to partner organisations, with a title far longer than a sheet name',
  partner: 'Partner organisation',
  reintegrations: 'Reintegrations by destination against targets',
  destination: 'Destination',
  family: 'Returned to family',
  groupHome: 'Group home',
  independent: 'Independent living',
  once: 'A child counted in two months is one child in the total.',
};

const KM: Labels = {
  title: 'របាយការណ៍ប្រចាំត្រីមាសរបស់មណ្ឌលស្នាក់នៅ',
  scope: 'មណ្ឌលកុមារទន្លេ',
  referrals: 'ការបញ្ជូនតាមខែ ប្រភេទករណី និងចំនួនគ្រោងទុក',
  children: 'កុមារ',
  caseType: 'ប្រភេទករណី',
  month: 'ខែ',
  trafficking: 'ការជួញដូរមនុស្ស',
  rape: 'ការរំលោភសេពសន្ថវៈ',
  violence: 'អំពើហិង្សាក្នុងគ្រួសារ',
  jan: 'មករា ២០២៦',
  feb: 'កុម្ភៈ ២០២៦',
  mar: 'មីនា ២០២៦',
  residents: 'អ្នកស្នាក់នៅតាមក្រុមអាយុ និងភេទ',
  ageBand: 'ក្រុមអាយុ',
  sex: 'ភេទ',
  girls: 'ស្រី',
  boys: 'ប្រុស',
  young: '០-១០ ឆ្នាំ',
  teen: '១១-១៧ ឆ្នាំ',
  adult: '១៨-២៥ ឆ្នាំ',
  partners: 'ការបញ្ជូនទៅអង្គការដៃគូ',
  partner: 'អង្គការដៃគូ',
  reintegrations: 'ការធ្វើសមាហរណកម្មតាមទិសដៅ ធៀបនឹងគោលដៅ',
  destination: 'ទិសដៅ',
  family: 'ត្រឡប់ទៅគ្រួសារវិញ',
  groupHome: 'ផ្ទះក្រុម',
  independent: 'រស់នៅដោយខ្លួនឯង',
  once: 'កុមារដែលត្រូវបានរាប់ក្នុងពីរខែ គឺជាកុមារម្នាក់ក្នុងចំនួនសរុប។',
};

/** Partner names are typed by people, so they are where a formula would hide. */
export const HOSTILE_LABELS = ['=HYPERLINK("http://evil.example","click")', '+SUM(1,2)', '-1+1', '@cmd'];

export function quarterlyReport(language: 'en' | 'km'): ReportResult {
  const l = language === 'en' ? EN : KM;
  const heading = (key: string) => ({ key, label: l[key] ?? key });
  return {
    reportId: 'shelter-quarterly',
    title: l.title ?? '',
    language,
    from: '2026-01-01',
    to: '2026-03-31',
    referenceDate: '2026-03-31',
    scopeLabel: l.scope ?? '',
    generatedAt: '2026-04-02T08:30:00.000Z',
    suppressionThreshold: null,
    notices: [],
    tables: [
      table({
        id: 'referrals-by-month',
        title: l.referrals ?? '',
        measureLabel: l.children ?? '',
        rowDimension: 'caseType',
        columnDimension: 'month',
        rowDimensionLabel: l.caseType ?? null,
        columnDimensionLabel: l.month ?? null,
        rows: ['trafficking', 'rape', 'violence'].map(heading),
        columns: [
          { key: '2026-01', label: l.jan ?? '' },
          { key: '2026-02', label: l.feb ?? '' },
          { key: '2026-03', label: l.mar ?? '' },
        ],
        cells: [
          [12, 9, 14],
          [7, 11, 6],
          [20, 18, 26],
        ],
        percentOf: 'row',
        targets: [
          { rowKey: 'trafficking', columnKey: null, value: 60 },
          { rowKey: 'rape', columnKey: null, value: 30 },
          { rowKey: 'violence', columnKey: '2026-01', value: 15 },
          { rowKey: 'violence', columnKey: '2026-02', value: 15 },
          { rowKey: 'violence', columnKey: '2026-03', value: 20 },
        ],
        notes: [l.once ?? ''],
      }),
      table({
        id: 'residents-by-age-and-sex',
        title: l.residents ?? '',
        measureLabel: l.children ?? '',
        rowDimension: 'ageBand',
        columnDimension: 'sex',
        rowDimensionLabel: l.ageBand ?? null,
        columnDimensionLabel: l.sex ?? null,
        rows: ['young', 'teen', 'adult'].map(heading),
        columns: ['girls', 'boys'].map(heading),
        cells: [
          [8, 3],
          [31, 12],
          [6, 0],
        ],
        percentOf: 'column',
        targets: [],
        notes: [],
      }),
      table({
        id: 'partner-referrals',
        title: l.partners ?? '',
        measureLabel: l.children ?? '',
        rowDimension: 'partner',
        columnDimension: null,
        rowDimensionLabel: l.partner ?? null,
        columnDimensionLabel: null,
        rows: HOSTILE_LABELS.map((label, i) => ({ key: `p${i}`, label })),
        columns: [{ key: 'children', label: l.children ?? '' }],
        cells: [[9], [14], [5], [22]],
        percentOf: 'total',
        targets: [],
        notes: [],
      }),
      table({
        id: 'reintegrations',
        title: l.reintegrations ?? '',
        measureLabel: l.children ?? '',
        rowDimension: 'destination',
        columnDimension: 'sex',
        rowDimensionLabel: l.destination ?? null,
        columnDimensionLabel: l.sex ?? null,
        rows: ['family', 'groupHome', 'independent'].map(heading),
        columns: ['girls', 'boys'].map(heading),
        cells: [
          [17, 9],
          [6, 5],
          [7, 8],
        ],
        percentOf: null,
        targets: [
          { rowKey: null, columnKey: 'girls', value: 30 },
          { rowKey: null, columnKey: 'boys', value: 20 },
          { rowKey: null, columnKey: null, value: 50 },
        ],
        notes: [],
      }),
    ],
  };
}

/** The same report for a donor: counts under 5 hidden, with their complements. */
export function anonymisedQuarterlyReport(language: 'en' | 'km'): ReportResult {
  return suppressSmallCells(quarterlyReport(language));
}

const CASE_TYPE_LABELS = {
  en: [
    'Domestic violence (DV)',
    'Sexual abuse (SA)',
    'Neglected children (NC)',
    'Trafficking for labour (TL)',
    'Sex trafficking (ST)',
    'Returnee children: repatriated migrants (RC)',
    'Commercial sexual exploitation: sex worker (SW)',
    'Other case types',
  ],
  km: [
    'អំពើហិង្សាក្នុងគ្រួសារ (DV)',
    'ការរំលោភបំពានផ្លូវភេទ (SA)',
    'កុមាររងការធ្វេសប្រហែស (NC)',
    'ការជួញដូរដើម្បីកេងប្រវ័ញ្ចកម្លាំងពលកម្ម (TL)',
    'ការជួញដូរដើម្បីកេងប្រវ័ញ្ចផ្លូវភេទ (ST)',
    'កុមារវិលត្រឡប់៖ ជនចំណាកស្រុកដែលត្រូវបានបញ្ជូនមកវិញ (RC)',
    'ការកេងប្រវ័ញ្ចផ្លូវភេទដើម្បីពាណិជ្ជកម្ម៖ អ្នករកស៊ីផ្លូវភេទ (SW)',
    'ប្រភេទករណីផ្សេងទៀត',
  ],
};
const SEX_LABELS = { en: ['Female', 'Male', 'Other'], km: ['ស្រី', 'ប្រុស', 'ផ្សេងទៀត'] };

/**
 * The quarterly report's widest table, as the engine answers it: three months by eight case types × three sexes
 * (24 counts), the children reintegrated beside the total. Month m, case type t, sex s counts m + t + s.
 */
export function wideReport(language: 'en' | 'km'): ReportResult {
  const report = quarterlyReport(language);
  const sexes = ['female', 'male', 'other'];
  const columns = CASE_TYPE_LABELS[language].flatMap((type, t) =>
    sexes.map((sex, s) => ({ key: `T${t}|${sex}`, label: `${type} · ${SEX_LABELS[language][s]}` })),
  );
  const months = language === 'en' ? ['Jan 2026', 'Feb 2026', 'Mar 2026'] : ['មករា 2026', 'កុម្ភៈ 2026', 'មីនា 2026'];
  return {
    ...report,
    tables: [
      table({
        id: 'referrals-by-month-and-sex',
        title:
          language === 'en'
            ? 'Children referred, by month, case type and sex'
            : 'កុមារដែលត្រូវបានបញ្ជូនមក តាមខែ ប្រភេទករណី និងភេទ',
        measureLabel: 'Children',
        rowDimension: 'month',
        columnDimension: 'case_type_group · sex',
        rowDimensionLabel: language === 'en' ? 'Month' : 'ខែ',
        columnDimensionLabel: language === 'en' ? 'Case type (CCPCR list) · Sex' : 'ប្រភេទករណី · ភេទ',
        rows: months.map((label, m) => ({ key: `2026-0${m + 1}`, label })),
        columns,
        cells: months.map((_, m) => columns.map((_, c) => m + Math.floor(c / 3) + (c % 3))),
        percentOf: null,
        targets: [],
        notes: [],
        besides: [
          {
            key: 'reintegrated',
            label: language === 'en' ? 'Children reintegrated' : 'កុមារដែលបានធ្វើសមាហរណកម្ម',
            position: 'after',
            counts: [7, 8, 9],
            total: 24,
          },
        ],
      }),
    ],
  };
}
