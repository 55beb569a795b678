import { useTranslation } from 'react-i18next';
import { formatPlace, type CorrectableField } from '@homeward/core';
import { formatDate } from '../../text/dates';
import { useLanguage } from '../../text/use-language';

/** Text of a value sent as JSON: strings as they are, anything else not text at all. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A field's value as a person reads it, in the screen's language: codes translated, dates and places formatted. */
export function useFieldValueText(): (field: string, value: unknown) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (field, value) => {
    if (value === null || value === undefined || value === '') return t('cases:none');
    switch (field as CorrectableField) {
      case 'sex':
        return t(`codes:sex.${asText(value)}`);
      case 'childType':
        return t(`codes:childType.${asText(value)}`);
      case 'riskLevel':
        return t(`codes:riskLevel.${asText(value)}`);
      case 'referral.source':
        return t(`codes:referralSource.${asText(value)}`);
      case 'caseTypes':
        return Array.isArray(value) ? value.map((type) => t(`codes:caseType.${asText(type)}`)).join(', ') : '';
      case 'dateOfBirth':
      case 'referral.referredOn':
        return formatDate(asText(value), language);
      case 'dateOfBirthEstimated':
        return t(value === true ? 'steps:form.yes' : 'steps:form.no');
      case 'villageCode':
        return formatPlace(asText(value), language);
      case 'familyNameKm':
      case 'givenNameKm':
      case 'familyNameLatin':
      case 'givenNameLatin':
      case 'alias':
      case 'nationality':
      case 'referral.sourceName':
      case 'referral.reason':
        return asText(value);
    }
  };
}
