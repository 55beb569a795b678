import { useTranslation } from 'react-i18next';
import { useReceivers } from './referrals.resource';

/** Partner organisations named by id (a sharing consent's), by their names in the referral directory. */
export function PartnerNames({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const receivers = useReceivers('', '');
  const names = new Map(receivers.data?.items.map((receiver) => [receiver.id, receiver.name]));
  return (
    <span data-testid="consent-shared-with">
      {ids.map((id) => names.get(id) ?? t('steps:consent.unknownPartner')).join(', ')}
    </span>
  );
}
