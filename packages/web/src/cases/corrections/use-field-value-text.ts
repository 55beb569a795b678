import { useTranslation } from 'react-i18next';
import { formatPlace, type CorrectableField } from '@homeward/core';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';

/** A field's value as a person reads it, in the screen's language: codes translated, dates and places formatted. */
export function useFieldValueText(): (field: string, value: unknown) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (field, value) => {
    if (value === null || value === undefined || value === '') return t('cases:none');
    switch (field as CorrectableField) {
      case 'sex':
        return t(`codes:sex.${String(value)}`);
      case 'childType':
        return t(`codes:childType.${String(value)}`);
      case 'riskLevel':
        return t(`codes:riskLevel.${String(value)}`);
      case 'referral.source':
        return t(`codes:referralSource.${String(value)}`);
      case 'caseTypes':
        return Array.isArray(value) ? value.map((type) => t(`codes:caseType.${String(type)}`)).join(', ') : '';
      case 'dateOfBirth':
      case 'referral.referredOn':
        return formatDate(String(value), language);
      case 'dateOfBirthEstimated':
        return t(value === true ? 'steps:form.yes' : 'steps:form.no');
      case 'villageCode':
        return formatPlace(String(value), language);
      default:
        return String(value);
    }
  };
}
