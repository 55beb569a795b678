import { useTranslation } from 'react-i18next';
import type { Facility } from '@homeward/core';

export function FacilityStatus({ status }: { status: Facility['status'] }) {
  const { t } = useTranslation();
  return <span className={`status status--facility-${status}`}>{t(`codes:facilityStatus.${status}`)}</span>;
}
