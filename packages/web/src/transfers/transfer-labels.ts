import type { TFunction } from 'i18next';
import type { CaseSection } from '@homeward/core';

/** "Notes, Services": the sections a sender keeps, in the reader's language. */
export function sectionList(t: TFunction, sections: readonly CaseSection[]): string {
  return sections.map((section) => t(`transfers:section.${section}`)).join(', ');
}
