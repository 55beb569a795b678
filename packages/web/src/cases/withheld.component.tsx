import type { FieldTier } from '@homeward/core';
import { useTranslation } from 'react-i18next';

/** Says which parts of a record the user's role does not show, so an empty field is not taken for "not recorded". */
export function WithheldNote({ hidden, testId }: { hidden: readonly FieldTier[] | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!hidden || hidden.length === 0) return null;
  const tiers = hidden.map((tier) => t(`cases:withheld.tier.${tier}`)).join(', ');
  return (
    <p className="withheld" data-testid={testId ?? 'withheld-note'}>
      {t('cases:withheld.note', { tiers })}
    </p>
  );
}

/** Stands in for one value the user's role does not show. */
export function Withheld() {
  const { t } = useTranslation();
  return <span className="muted">{t('cases:withheld.value')}</span>;
}
