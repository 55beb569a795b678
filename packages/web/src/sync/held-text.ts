import { useTranslation } from 'react-i18next';
import { CORRECTABLE_FIELDS, displayName, khmerDigits, type HeldOperation } from '@homeward/core';
import { FIELD_LABEL_KEYS } from '../cases/corrections/correction-fields';
import { formatDate, localToday } from '../text/dates';
import { useLanguage } from '../text/use-language';

/**
 * A moment in Cambodia, where the organisation works, as the audit log writes it: "24 Nov 2026 08:15". A
 * device's own time is shown the same way; the screen says it is the device's.
 */
export function useMomentText(): (iso: string) => string {
  const language = useLanguage();
  const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Phnom_Penh' });
  return (iso) => {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return iso;
    const time = clock.format(at);
    return `${formatDate(localToday(at), language)} ${language === 'km' ? khmerDigits(time) : time}`;
  };
}

/** What a held change was, in words: "Follow-up visit of 3 Dec 2026", "A correction of Given name, Sex". */
export function useHeldDescription(): (held: HeldOperation) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return ({ operation }) => {
    switch (operation.kind) {
      case 'case': {
        const { familyNameKm, givenNameKm, familyNameLatin, givenNameLatin } = operation.body;
        const name = displayName(
          {
            familyNameKm: familyNameKm ?? null,
            givenNameKm: givenNameKm ?? null,
            familyNameLatin: familyNameLatin ?? null,
            givenNameLatin: givenNameLatin ?? null,
          },
          language,
        );
        return name ? t('sync:what.intake', { name }) : t('sync:what.intakeNoName');
      }
      case 'event':
        return t('sync:what.event', {
          type: t(`codes:eventType.${operation.body.type}`),
          date: formatDate(operation.body.occurredOn, language),
        });
      case 'attendance':
        return t('sync:what.attendance', {
          topic: t(`codes:lifeSkillsTopic.${operation.body.topic}`),
          date: formatDate(operation.body.occurredOn, language),
        });
      case 'correction': {
        const fields = CORRECTABLE_FIELDS.filter((field) => field in operation.body.changes);
        return t('sync:what.correction', { fields: fields.map((field) => t(FIELD_LABEL_KEYS[field])).join(', ') });
      }
      case 'attachment':
        return t('sync:what.attachment', { title: operation.body.title });
      case 'audit':
        return t('sync:what.audit');
    }
  };
}

/**
 * Why the server held a change, in the reader's language: the sync screen's own words for the codes a sync
 * gives, then the case's rules' and the forms' refusals by code; the server's English only in English.
 */
export function useHeldReason(): (held: Pick<HeldOperation, 'reason' | 'message'>) => string {
  const { t, i18n } = useTranslation();
  return ({ reason, message }) => {
    const keys = [
      `sync:reasons.${reason}`,
      `steps:errors.${reason}`,
      `documents:errors.${reason}`,
      `forms:errors.${reason}`,
      `common:errors.${reason}`,
    ];
    const key = keys.find((candidate) => i18n.exists(candidate));
    if (key) return t(key);
    return i18n.resolvedLanguage === 'en' && message ? message : t('sync:reasons.other');
  };
}
