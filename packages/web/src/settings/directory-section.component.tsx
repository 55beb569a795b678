import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { childrenOf, DIRECTORY_KINDS, newDirectoryEntrySchema } from '@homeward/core';
import { useAddDirectoryEntry, useDirectory } from '../api/directory.resource';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { serverFieldErrors, type FieldErrors, type Message } from '../forms/messages';
import { useLanguage } from '../text/use-language';
import { CodeOptions } from '../forms/code-options.component';
import { useGazetteer } from '../locations/use-gazetteer';

const FIELDS = ['name', 'kind', 'provinceCode', 'phone'] as const;

/** The organisation's directory of partners and referral bodies, which the referral form offers. */
export function DirectorySection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const directory = useDirectory();
  const add = useAddDirectoryEntry();
  const [form, setForm] = useState({ name: '', kind: '', provinceCode: '', phone: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  // The provinces come from the gazetteer, which a settings page opened directly has not loaded yet.
  useGazetteer();
  const provinces = childrenOf(null);
  const provinceName = (code: string | null) => {
    const province = provinces.find((candidate) => candidate.code === code);
    return province ? (language === 'km' ? province.km : province.latin) : '';
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = newDirectoryEntrySchema.safeParse({
      name: form.name,
      kind: form.kind || undefined,
      provinceCode: form.provinceCode || undefined,
      phone: form.phone || undefined,
    });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues)
        found[String(issue.path[0])] ??= { key: `oversight:directory.errors.${String(issue.path[0])}` };
      setErrors(found);
      return;
    }
    setErrors({});
    setGeneral(null);
    add.mutate(parsed.data, {
      onSuccess: () => setForm({ name: '', kind: '', provinceCode: '', phone: '' }),
      onError: (error) => {
        const { fields, general: top } = serverFieldErrors(error, FIELDS);
        setErrors(fields);
        setGeneral(top);
      },
    });
  };

  return (
    <section className="form-section form--narrow" aria-labelledby="directory-title">
      <h2 id="directory-title" className="form-section__title">
        {t('oversight:directory.title')}
      </h2>
      <p className="hint">{t('oversight:directory.hint')}</p>
      <ul className="directory-list" data-testid="directory-list">
        {(directory.data?.items ?? []).map((entry) => (
          <li key={entry.id}>
            <strong>{entry.name}</strong> · {t(`codes:directoryKind.${entry.kind}`)}
            {entry.provinceCode ? ` · ${provinceName(entry.provinceCode)}` : ''}
            {entry.phone ? ` · ${entry.phone}` : ''}
          </li>
        ))}
      </ul>
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="directory-add-title">
        <h3 id="directory-add-title">{t('oversight:directory.add')}</h3>
        <FormAlert message={general} />
        <div className="form-grid">
          <Field id="directory-name" name="name" label={t('oversight:directory.name')} required error={errors.name}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            )}
          </Field>
          <Field id="directory-kind" name="kind" label={t('oversight:directory.kind')} required error={errors.kind}>
            {(control) => (
              <select {...control} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
                <CodeOptions codes={DIRECTORY_KINDS} list="directoryKind" choose={t('oversight:directory.choose')} />
              </select>
            )}
          </Field>
          <Field
            id="directory-province"
            name="provinceCode"
            label={t('oversight:directory.province')}
            error={errors.provinceCode}
          >
            {(control) => (
              <select
                {...control}
                value={form.provinceCode}
                onChange={(e) => setForm({ ...form, provinceCode: e.target.value })}
              >
                <option value="">{t('oversight:directory.choose')}</option>
                {provinces.map((province) => (
                  <option key={province.code} value={province.code}>
                    {language === 'km' ? province.km : province.latin}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="directory-phone" name="phone" label={t('oversight:directory.phone')} error={errors.phone}>
            {(control) => (
              <input
                {...control}
                type="tel"
                value={form.phone}
                onChange={(e) => setForm({ ...form, phone: e.target.value })}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          {t('oversight:directory.submit')}
        </button>
      </form>
    </section>
  );
}
