import { useTranslation } from 'react-i18next';
import { formatDate } from '../text/dates';
import { useLanguage } from '../text/use-language';
import { useCaseTransfers } from './transfers.resource';

/** Under the case number: "Transferred from X on …, their number Y", for each earlier lead. */
export function TransferReference({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const transfers = useCaseTransfers(caseId);
  const references = transfers.data?.references ?? [];
  if (references.length === 0) return null;
  return (
    <>
      {references.map((reference) => (
        <p
          className="case-page__reference"
          key={`${reference.organisationId}-${reference.caseNumber}`}
          data-testid="transfer-reference"
        >
          {t('transfers:reference', {
            organisation: reference.organisationName,
            date: formatDate(reference.untilOn, language),
            number: reference.caseNumber,
          })}
        </p>
      ))}
    </>
  );
}
