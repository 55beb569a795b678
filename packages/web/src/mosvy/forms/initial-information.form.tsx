import { CHILD_TYPES, INTERVIEWEES, REFERRAL_SOURCES } from '@homeward/core';
import { CheckGroup, Field, FieldRow, Section, SubTitle, TextBlock } from '../form-parts.component';
import { FormDocument, type FormProps } from '../form-document.component';
import { useFormText } from '../form-text';
import { FamilyTable } from './family-table.component';

/** Form 1: who the child is, who was interviewed, where the case came from and why. */
export function InitialInformationForm({ data, privacy, organisationName }: FormProps & { organisationName: string }) {
  const { t, code, date, labelled } = useFormText();
  const { detail, intake, risk } = data;
  const interviewed = new Set(intake?.payload.interviewed ?? []);
  const referral = detail.referral;
  const concerns = [
    risk ? `${labelled(t('form1.riskLevel'))}${code('riskLevel', risk.payload.riskLevel)}` : null,
    risk?.payload.concerns,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <FormDocument
      form="initial-information"
      data={data}
      privacy={privacy}
      organisationName={organisationName}
      formDate={intake?.on ?? detail.openedOn}
    >
      <Section number="I" title={t('form1.interview.title')}>
        <FieldRow>
          <Field label={t('form1.interview.place')} />
        </FieldRow>
        <CheckGroup
          label={t('form1.interview.interviewees')}
          columns={3}
          items={INTERVIEWEES.map((who) => ({
            key: who,
            label: t(`form1.interviewee.${who}`),
            checked: interviewed.has(who),
          }))}
        />
      </Section>

      <Section number="II" title={t('form1.carer.title')}>
        <FamilyTable data={data} privacy={privacy} />
      </Section>

      <Section number="III" title={t('form1.source.title')}>
        <FieldRow>
          <Field label={t('form1.source.receivedOn')}>{date(referral.referredOn)}</Field>
        </FieldRow>
        <CheckGroup
          label={t('form1.source.referredBy')}
          columns={3}
          items={REFERRAL_SOURCES.map((source) => ({
            key: source,
            label: code('referralSource', source),
            checked: referral.source === source,
          }))}
        />
        <FieldRow>
          <Field label={t('form1.source.name')}>{referral.sourceName}</Field>
        </FieldRow>
      </Section>

      <Section number="IV" title={t('form1.childType.title')}>
        <CheckGroup
          columns={2}
          items={CHILD_TYPES.map((type) => ({
            key: type,
            label: code('childType', type),
            checked: detail.childType === type,
          }))}
        />
        <FieldRow>
          <Field label={t('form1.childType.caseTypes')}>
            {detail.caseTypes.map((type) => code('caseType', type)).join('; ')}
          </Field>
        </FieldRow>
      </Section>

      <Section number="V" title={t('form1.reason.title')}>
        <SubTitle>{t('form1.reason.summary')}</SubTitle>
        <TextBlock text={referral.reason} lines={4} />
        <SubTitle>{t('form1.reason.childView')}</SubTitle>
        <TextBlock text={risk?.payload.childPerspective} lines={3} />
        <SubTitle>{t('form1.reason.workerView')}</SubTitle>
        <TextBlock text={concerns} lines={3} />
      </Section>
    </FormDocument>
  );
}
