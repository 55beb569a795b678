import { describe, it, expect } from 'vitest';
import data from '../src/gazetteer/gazetteer.data.json';
import {
  childrenOf,
  findPlace,
  formatPlace,
  isVillageCode,
  placePath,
  searchPlaces,
  type PlaceLevel,
} from '../src/gazetteer/index';

const LEVEL_BY_LENGTH: Record<number, PlaceLevel> = { 2: 'province', 4: 'district', 6: 'commune', 8: 'village' };
const codes = data.places.map(([code = '']) => code);

function codesFound(query: string, level?: PlaceLevel): string[] {
  return searchPlaces(query, level ? { level } : {}).map((match) => match.place.code);
}

describe('gazetteer data', () => {
  it('has the counts of the NCDD release of 2024-10-14', () => {
    const counts = { province: 0, district: 0, commune: 0, village: 0 };
    for (const code of codes) counts[LEVEL_BY_LENGTH[code.length] ?? 'village']++;
    expect(counts).toEqual({ province: 25, district: 210, commune: 1652, village: 14570 });
    // The README's expectations, so a future release that loses a sheet fails here too.
    expect(counts.district).toBeGreaterThanOrEqual(200);
    expect(counts.district).toBeLessThanOrEqual(220);
    expect(counts.commune).toBeGreaterThanOrEqual(1600);
    expect(counts.commune).toBeLessThanOrEqual(1700);
    expect(counts.village).toBeGreaterThanOrEqual(14000);
    expect(counts.village).toBeLessThanOrEqual(15000);
  });

  it('is sorted, unique, well-formed and has both names everywhere', () => {
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
    // Collect offenders rather than asserting 16,000 times: faster, and the failure lists every bad row.
    const malformed = data.places.filter(
      ([code = '', km = '', latin = '']) =>
        !/^\d{2}(\d{2}){0,3}$/.test(code) ||
        !km ||
        !latin ||
        /^\s|\s$|\s\s|[\u200B\uFEFF]/.test(km) ||
        /^\s|\s$|\s\s|[\u200B\uFEFF]/.test(latin),
    );
    expect(malformed).toEqual([]);
  });

  it('nests every code under an existing parent of the level above', () => {
    const orphans = codes.filter((code) => {
      const place = findPlace(code);
      if (code.length === 2) return place?.parentCode !== null;
      return place?.parentCode !== code.slice(0, -2) || !findPlace(code.slice(0, -2));
    });
    expect(orphans).toEqual([]);
  });

  it('lists children by code, with the 25 provinces at the top', () => {
    const provinces = childrenOf(null);
    expect(provinces).toHaveLength(25);
    expect(provinces.every((p) => p.level === 'province')).toBe(true);
    expect(provinces[0]?.code).toBe('01');
    expect(provinces[24]?.code).toBe('25');
    const districts = childrenOf('01');
    expect(districts.map((p) => p.code)).toEqual([...districts.map((p) => p.code)].sort());
    expect(districts.every((p) => p.level === 'district' && p.parentCode === '01')).toBe(true);
    expect(childrenOf('99')).toEqual([]);
  });
});

describe('known places', () => {
  it('finds Paoy Paet in Banteay Meanchey by its English, official and Khmer names', () => {
    for (const query of ['Poipet', 'poipet', 'Paoy Paet', 'paoypaet', 'paoy-paet', 'ប៉ោយប៉ែត']) {
      const found = codesFound(query);
      expect(found[0], query).toBe('0110');
      expect(found, query).toContain('011002');
    }
    expect(findPlace('0110')).toMatchObject({ level: 'district', km: 'ប៉ោយប៉ែត', latin: 'Paoy Paet', parentCode: '01' });
    expect(findPlace('01')?.latin).toBe('Banteay Meanchey');
    expect(formatPlace('011002', 'en')).toBe('Paoy Paet, Paoy Paet, Banteay Meanchey');
    expect(formatPlace('011002', 'km')).toBe('ប៉ោយប៉ែត, ប៉ោយប៉ែត, បន្ទាយមានជ័យ');
  });

  it('ignores zero-width spaces and spaces in Khmer queries', () => {
    expect(codesFound('ប៉ោយ\u200Bប៉ែត')[0]).toBe('0110');
    expect(codesFound(' ប៉ោយ ប៉ែត ')[0]).toBe('0110');
  });

  it('finds Svay Rieng province (20) by Latin and Khmer', () => {
    expect(findPlace('20')).toMatchObject({ level: 'province', km: 'ស្វាយរៀង', latin: 'Svay Rieng' });
    expect(codesFound('Svay Rieng')[0]).toBe('20');
    expect(codesFound('svayrieng')[0]).toBe('20');
    expect(codesFound('ស្វាយរៀង')[0]).toBe('20');
  });

  it('finds Siem Reap province (17) by Latin and Khmer', () => {
    expect(findPlace('17')).toMatchObject({ km: 'សៀមរាប', latin: 'Siem Reap' });
    expect(codesFound('siem reap')[0]).toBe('17');
    expect(codesFound('Siemreap')[0]).toBe('17');
    expect(codesFound('សៀមរាប')[0]).toBe('17');
    expect(codesFound('ខេត្តសៀមរាប')[0]).toBe('17');
  });

  it('knows common English names and spellings', () => {
    expect(codesFound('Phnom Penh')[0]).toBe('12');
    expect(codesFound('Sihanoukville')).toEqual(expect.arrayContaining(['18', '1801']));
    expect(codesFound('Sihanoukville')[0]).toBe('18');
    expect(codesFound('Battambang')[0]).toBe('02');
    expect(codesFound('Kampong Som')).toEqual(expect.arrayContaining(['1806', '18']));
    expect(codesFound('Kompong Som')).toEqual(expect.arrayContaining(['1806', '18']));
    expect(codesFound('Kompong Cham')[0]).toBe('03');
    expect(codesFound('Kompong Thom')[0]).toBe('06');
    expect(codesFound('Koh Kong')).toEqual(expect.arrayContaining(['09', '0903']));
  });

  it('ranks prefix matches before substring matches, and higher levels first', () => {
    const matches = searchPlaces('Rieng', { limit: 200 });
    const firstSubstring = matches.findIndex(
      (m) => !m.place.latin.toLowerCase().replace(/\s/g, '').startsWith('rieng'),
    );
    const lastPrefix = matches.findLastIndex((m) => m.place.latin.toLowerCase().startsWith('rieng'));
    expect(lastPrefix).toBeLessThan(firstSubstring);
    const levels = searchPlaces('svay rieng').map((m) => m.place.level);
    expect(levels.slice(0, 3)).toEqual(['province', 'district', 'commune']);
  });

  it('honours level, within and limit', () => {
    expect(codesFound('Paoy Paet', 'commune')).toEqual(['011002']);
    const inPaoyPaet = searchPlaces('a', { within: '0110', limit: 500 });
    expect(inPaoyPaet.length).toBeGreaterThan(0);
    expect(inPaoyPaet.every((m) => m.place.code.startsWith('0110') && m.place.code !== '0110')).toBe(true);
    expect(searchPlaces('a')).toHaveLength(20);
    expect(searchPlaces('a', { limit: 3 })).toHaveLength(3);
    expect(searchPlaces('   ')).toEqual([]);
    expect(searchPlaces('zzzzqqq')).toEqual([]);
  });

  it('returns the path of a village, province first, and the path of each match', () => {
    const village = '01100202';
    expect(placePath(village).map((p) => p.code)).toEqual(['01', '0110', '011002', village]);
    expect(placePath(village).map((p) => p.level)).toEqual(['province', 'district', 'commune', 'village']);
    expect(formatPlace(village, 'en')).toBe('Baliley 1, Paoy Paet, Paoy Paet, Banteay Meanchey');
    expect(placePath('99999999')).toEqual([]);
    expect(formatPlace('99999999', 'en')).toBe('99999999');
    const [match] = searchPlaces('Baliley 1', { level: 'village', within: '011002' });
    expect(match?.path.map((p) => p.code)).toEqual(['01', '0110', '011002', village]);
  });

  it('tells village codes from other codes', () => {
    expect(isVillageCode('01100202')).toBe(true);
    expect(isVillageCode('011002')).toBe(false);
    expect(isVillageCode('0110')).toBe(false);
    expect(isVillageCode('99999999')).toBe(false);
    expect(isVillageCode('')).toBe(false);
  });
});
