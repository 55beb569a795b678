// Turns the NCDD gazetteer workbook into packages/core/src/gazetteer/gazetteer.data.json.
// Usage: npx tsx scripts/build-gazetteer.ts [path-to-xlsx]
// The output is deterministic (sorted by code, no timestamps) so a re-run on the same workbook is a no-op in git.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputPath = process.argv[2]
  ? resolve(process.argv[2])
  : resolve(repoRoot, '../shared/data/gazetteer/ncdd-gazetteer-2024-10-14.xlsx');
const outputPath = resolve(repoRoot, 'packages/core/src/gazetteer/gazetteer.data.json');

const SOURCE =
  'NCDD gazetteer of Cambodia, version 2024-10-14 (ncdd-gazetteer-2024-10-14.xlsx); ' +
  'Open Data Commons Open Database License (ODbL), via Open Development Cambodia';

// The workbook has no province rows and its titles are Latin only, so the Khmer names are hard-coded.
// The Latin name is checked against the sheet name so a reordered workbook fails loudly instead of mislabelling.
const PROVINCES: readonly (readonly [latin: string, km: string])[] = [
  ['Banteay Meanchey', 'បន្ទាយមានជ័យ'],
  ['Battambang', 'បាត់ដំបង'],
  ['Kampong Cham', 'កំពង់ចាម'],
  ['Kampong Chhnang', 'កំពង់ឆ្នាំង'],
  ['Kampong Speu', 'កំពង់ស្ពឺ'],
  ['Kampong Thom', 'កំពង់ធំ'],
  ['Kampot', 'កំពត'],
  ['Kandal', 'កណ្ដាល'],
  ['Koh Kong', 'កោះកុង'],
  ['Kratie', 'ក្រចេះ'],
  ['Mondul Kiri', 'មណ្ឌលគិរី'],
  ['Phnom Penh', 'ភ្នំពេញ'],
  ['Preah Vihear', 'ព្រះវិហារ'],
  ['Prey Veng', 'ព្រៃវែង'],
  ['Pursat', 'ពោធិ៍សាត់'],
  ['Ratanak Kiri', 'រតនគិរី'],
  // The sheet says "Siemreap"; the same workbook spells the krong "Siem Reap", which is also the usual form.
  ['Siem Reap', 'សៀមរាប'],
  ['Preah Sihanouk', 'ព្រះសីហនុ'],
  ['Stung Treng', 'ស្ទឹងត្រែង'],
  ['Svay Rieng', 'ស្វាយរៀង'],
  ['Takeo', 'តាកែវ'],
  ['Oddar Meanchey', 'ឧត្ដរមានជ័យ'],
  ['Kep', 'កែប'],
  ['Pailin', 'ប៉ៃលិន'],
  ['Tboung Khmum', 'ត្បូងឃ្មុំ'],
];

const LEVEL_BY_TYPE: Record<string, 'district' | 'commune' | 'village'> = {
  ស្រុក: 'district',
  ខណ្ឌ: 'district',
  ក្រុង: 'district',
  ឃុំ: 'commune',
  សង្កាត់: 'commune',
  ភូមិ: 'village',
};
const CODE_LENGTH = { district: 4, commune: 6, village: 8 } as const;

// Individual source errors that no generic rule can fix. Each names the value it expects to replace, so the fix
// stops applying (with a warning) once NCDD corrects the row rather than silently overwriting a new value.
const FIXES: readonly { code: string; field: 'km' | 'latin'; from: string; to: string; why: string }[] = [
  // Our romanisation (UNGEGN, as in ប៉ៃលិន = Pailin); to be confirmed against a later NCDD release.
  { code: '02010508', field: 'latin', from: '', to: 'Pai Lam', why: 'Latin name blank in source' },
  { code: '05011403', field: 'latin', from: 'Phsar Slab; Leaeng', to: 'Phsar Slab Leaeng', why: 'stray semicolon' },
  { code: '05031320', field: 'km', from: 'លិចបឹង`', to: 'លិចបឹង', why: 'stray backtick' },
  { code: '13060505', field: 'latin', from: 'KoukThkov', to: 'Kouk Thkov', why: 'missing space (គោកថ្កូវ)' },
];

const notes: string[] = [];
function fail(message: string): never {
  console.error(`build-gazetteer: ${message}`);
  process.exit(1);
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellText(value.result);
  return '';
}

// Zero-width spaces and doubled/edge spaces are invisible in the workbook but break search and equality.
let cleanedNames = 0;
function cleanName(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned !== raw) cleanedNames++;
  return cleaned;
}

// Latin names are displayed as proper nouns; a few source rows start words in lower case ("wat Kor", "Kouk kei").
let recasedNames = 0;
function capitaliseWords(name: string): string {
  const result = name.replace(
    /(^|[ (])([a-z])/g,
    (_m, before: string, letter: string) => before + letter.toUpperCase(),
  );
  if (result !== name) recasedNames++;
  return result;
}

const workbook = new ExcelJS.Workbook();
await workbook.xlsx.readFile(inputPath);
if (workbook.worksheets.length !== PROVINCES.length) {
  fail(`expected ${PROVINCES.length} sheets, found ${workbook.worksheets.length}`);
}

const places = new Map<string, [code: string, km: string, latin: string]>();
let blankRows = 0;
let identicalDuplicates = 0;

for (const sheet of workbook.worksheets) {
  const match = /^(\d+)\.\s*(.+)$/.exec(sheet.name.trim());
  if (!match) fail(`unexpected sheet name "${sheet.name}"`);
  const [, number = '', sheetLatin = ''] = match;
  const province = number.padStart(2, '0');
  const known = PROVINCES[Number(number) - 1];
  if (!known) fail(`sheet "${sheet.name}" has no province ${number}`);
  const [latin, km] = known;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  if (squash(latin) !== squash(sheetLatin)) fail(`sheet "${sheet.name}" does not look like province ${latin}`);
  places.set(province, [province, km, latin]);

  // The README puts the header on row 2, but this release has it on row 3, so look for it instead.
  let headerRow = 0;
  for (let r = 1; r <= 10 && headerRow === 0; r++) {
    if (cellText(sheet.getRow(r).getCell(1).value).trim() === 'Type') headerRow = r;
  }
  if (headerRow === 0) fail(`no header row in sheet "${sheet.name}"`);
  const header = [1, 2, 3, 4].map((c) => cellText(sheet.getRow(headerRow).getCell(c).value).trim());
  if (header.join('|') !== 'Type|Code|Name (Khmer)|Name (Latin)') fail(`unexpected header ${header.join('|')}`);

  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const [type, rawCode, rawKm, rawLatin] = [1, 2, 3, 4].map((c) => cellText(row.getCell(c).value));
    const where = `${sheet.name} row ${r}`;
    if ([type, rawCode, rawKm, rawLatin].every((v) => !v?.trim())) {
      blankRows++;
      continue;
    }
    const level = LEVEL_BY_TYPE[type?.trim() ?? ''];
    if (!level) fail(`${where}: unknown type "${type}"`);
    let code = (rawCode ?? '').trim();
    if (!/^\d+$/.test(code)) fail(`${where}: code "${rawCode}" is not numeric`);
    // Excel stored codes of provinces 1-9 without their leading zero.
    if (code.length % 2 === 1) code = `0${code}`;
    if (code.length !== CODE_LENGTH[level]) fail(`${where}: code ${code} is too long or short for a ${level}`);
    if (!code.startsWith(province)) fail(`${where}: code ${code} is outside province ${province}`);

    let kmName = cleanName(rawKm ?? '');
    let latinName = cleanName(rawLatin ?? '');
    for (const fix of FIXES.filter((f) => f.code === code)) {
      const current = fix.field === 'km' ? kmName : latinName;
      if (current.toLowerCase() !== fix.from.toLowerCase()) {
        notes.push(`fix for ${code} no longer applies (now "${current}"); remove it from FIXES`);
        continue;
      }
      if (fix.field === 'km') kmName = fix.to;
      else latinName = fix.to;
      notes.push(`${code}: ${fix.why}: "${current}" -> "${fix.to}"`);
    }
    latinName = capitaliseWords(latinName);
    if (!kmName || !latinName) fail(`${where}: code ${code} has a blank name`);

    const previous = places.get(code);
    if (previous) {
      if (previous[1] === kmName && previous[2] === latinName) {
        identicalDuplicates++;
        notes.push(`${where}: duplicate row for ${code} dropped`);
        continue;
      }
      fail(`${where}: code ${code} is used for both "${previous[2]}" and "${latinName}"`);
    }
    places.set(code, [code, kmName, latinName]);
  }
}

for (const code of places.keys()) {
  if (code.length > 2 && !places.has(code.slice(0, -2))) fail(`code ${code} has no parent ${code.slice(0, -2)}`);
}

// Same-named siblings are legal (the source has a few) but worth knowing about when users report "duplicates".
const siblingNames = new Map<string, string>();
for (const [code, km, latin] of places.values()) {
  const key = `${code.slice(0, -2)}|${km}|${latin}`;
  const other = siblingNames.get(key);
  if (other) notes.push(`${other} and ${code} are siblings with the same name "${latin}" (kept both)`);
  siblingNames.set(key, code);
}

const sorted = [...places.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
// One place per line: barely larger than a single line, but a new NCDD release then shows up as a readable diff.
const json = `{"source":${JSON.stringify(SOURCE)},"places":[\n${sorted.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
mkdirSync(dirname(outputPath), { recursive: true });
writeFileSync(outputPath, json);

const counts = { province: 0, district: 0, commune: 0, village: 0 };
const levelByLength = { 2: 'province', 4: 'district', 6: 'commune', 8: 'village' } as const;
for (const [code] of sorted) counts[levelByLength[code.length as 2 | 4 | 6 | 8]]++;

const expected = { province: [25, 25], district: [200, 220], commune: [1600, 1700], village: [14000, 15000] } as const;
for (const [level, [min, max]] of Object.entries(expected)) {
  const n = counts[level as keyof typeof counts];
  if (n < min || n > max) notes.push(`WARNING: ${n} ${level} rows, expected ${min}-${max}`);
}

console.log(`read ${inputPath}`);
for (const note of notes) console.log(`  ${note}`);
console.log(`  blank rows skipped: ${blankRows}; identical duplicate rows dropped: ${identicalDuplicates}`);
console.log(
  `  names with stray/zero-width/doubled spaces cleaned: ${cleanedNames}; Latin names recapitalised: ${recasedNames}`,
);
console.log(
  `provinces ${counts.province}, districts ${counts.district}, communes ${counts.commune}, villages ${counts.village}`,
);
console.log(`wrote ${outputPath} (${Buffer.byteLength(json)} bytes)`);
