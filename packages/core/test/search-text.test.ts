import { describe, expect, it } from 'vitest';
import { hasKhmerScript, normaliseForSearch, searchKey } from '../src/text/search-text';

describe('search normalisation', () => {
  it('folds Latin case, spaces and hyphens', () => {
    expect(normaliseForSearch('Sok  Dara')).toBe('sokdara');
    expect(normaliseForSearch('Paoy-Paet')).toBe('paoypaet');
    expect(normaliseForSearch("O'Chrov")).toBe('ochrov');
  });

  it('ignores the invisible characters Khmer keyboards insert, and composes the text', () => {
    expect(normaliseForSearch('សុខ\u200B ដារា')).toBe('សុខដារា');
    expect(normaliseForSearch('ស្រី\u200Cពៅ')).toBe(normaliseForSearch('ស្រីពៅ'));
  });

  it('keeps the parts of a key apart so a query cannot match across two names', () => {
    const key = searchKey(['Sok', 'Dara', null, undefined, '']);
    expect(key).toBe('sok|dara');
    expect(key.includes(normaliseForSearch('kda'))).toBe(false);
  });

  it('tells Khmer script from Latin', () => {
    expect(hasKhmerScript('ដារា')).toBe(true);
    expect(hasKhmerScript('Dara')).toBe(false);
  });
});
