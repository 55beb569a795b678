import { describe, expect, it } from 'vitest';
import { currentSetters, type ConflictField, type RecordedCorrection } from '../src';

const intake = { authorName: 'Dara Sok', recordedAt: '2026-11-01T08:00:00.000Z' };
const correction = (authorName: string, recordedAt: string, version: number, to: string): RecordedCorrection => ({
  authorName,
  recordedAt,
  changes: { givenNameLatin: { from: 'earlier', to, baseVersion: version - 1, version } },
});
const history = [
  correction('Chhey Chan', '2026-11-10T09:00:00.000Z', 1, 'Sopheap'),
  correction('Sok Chenda', '2026-11-12T10:00:00.000Z', 2, 'Sophy'),
];
const kept: ConflictField = { field: 'givenNameLatin', yours: 'Sophia', current: 'Sopheap', currentVersion: 1 };

describe('who set a held conflict’s current value', () => {
  it('names the intake’s author for a field never corrected', () => {
    const [field] = currentSetters([{ ...kept, current: 'Sophea', currentVersion: 0 }], [], intake, true);
    expect(field).toMatchObject({ current: 'Sophea', currentBy: 'Dara Sok', currentAt: intake.recordedAt });
  });

  it('shows an open conflict as the case stands now, with the later correction’s author', () => {
    const [field] = currentSetters([kept], history, intake, true);
    expect(field).toEqual({
      ...kept,
      current: 'Sophy',
      currentVersion: 2,
      currentBy: 'Sok Chenda',
      currentAt: '2026-11-12T10:00:00.000Z',
    });
  });

  it('keeps a decided conflict’s values, naming who set the one it was kept with', () => {
    const [field] = currentSetters([kept], history, intake, false);
    expect(field).toEqual({ ...kept, currentBy: 'Chhey Chan', currentAt: '2026-11-10T09:00:00.000Z' });
  });

  it('says nothing of a setter it cannot find', () => {
    const [field] = currentSetters([{ ...kept, currentVersion: 0 }], [], null, true);
    expect(field).toMatchObject({ currentBy: null, currentAt: null });
  });
});
