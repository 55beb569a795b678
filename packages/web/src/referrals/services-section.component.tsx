import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, SERVICE_KINDS } from '@homeward/core';
import { useUser } from '../auth/user-context';
import { CheckboxGroup } from '../forms/choice-group.component';
import { useOrganisationServices, useSaveOrganisationServices } from './referrals.resource';

type Service = (typeof SERVICE_KINDS)[number];

/** The services the organisation offers, so that other organisations find it when they refer a child. */
export function ServicesSection() {
  const { t } = useTranslation();
  const user = useUser();
  const current = useOrganisationServices();
  const save = useSaveOrganisationServices();
  const [services, setServices] = useState<Service[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setServices(current.data.services);
  }, [current.data]);
  if (!can(user.access, 'user.manage')) return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(services, { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="form form--narrow card" onSubmit={onSubmit} data-testid="services-settings">
      <h2>{t('cases:referrals.settings.servicesTitle')}</h2>
      <CheckboxGroup
        id="org-services"
        name="services"
        legend={t('cases:referrals.settings.services')}
        hint={t('cases:referrals.settings.servicesHint')}
        choices={SERVICE_KINDS.map((kind) => ({ value: kind, label: t(`codes:serviceKind.${kind}`) }))}
        values={services}
        onChange={setServices}
        className="choices--columns"
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('cases:referrals.settings.save')}
        </button>
        <p className="form__status" role="status">
          {saved ? t('cases:referrals.settings.saved') : null}
        </p>
      </div>
    </form>
  );
}
