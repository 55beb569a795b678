import { useTranslation } from 'react-i18next';
import type { CaseType } from '@homeward/core';

/** Case types as their short codes, each with its full label for pointer and screen-reader users. */
export function CaseTypeCodes({ types }: { types: readonly CaseType[] }) {
  const { t } = useTranslation();
  return (
    <ul className="tag-list">
      {types.map((type) => (
        <li key={type} className="tag">
          <abbr title={t(`codes:caseType.${type}`)}>{type}</abbr>
        </li>
      ))}
    </ul>
  );
}

export function CaseTypeLabels({ types }: { types: readonly CaseType[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {types.map((type) => (
        <li key={type}>{t(`codes:caseType.${type}`)}</li>
      ))}
    </ul>
  );
}
