import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, toCsv } from '../src/text/csv';

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks, as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Phnom Penh, Daun Penh')).toBe('"Phnom Penh, Daun Penh"');
    expect(csvField('the "Tonle" shelter')).toBe('"the ""Tonle"" shelter"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('ក្រុមគ្រួសារ')).toBe('ក្រុមគ្រួសារ');
    expect(csvField(null)).toBe('');
  });

  it('prefixes with an apostrophe every text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula(' =1')).toBe(' =1');
  });

  it('leaves numbers as numbers, negative ones too', () => {
    expect(csvField(42)).toBe('42');
    expect(csvField(0)).toBe('0');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('ends every record with CRLF', () => {
    expect(
      toCsv([
        ['Month', 'Girls', 'Boys'],
        ['2026-01', 3, null],
      ]),
    ).toBe('Month,Girls,Boys\r\n2026-01,3,\r\n');
    expect(toCsv([])).toBe('');
  });
});
