import { CONSENT_GIVERS, FAMILY_CONCLUSIONS, READINESS } from '@homeward/core';
import { Check, CheckGroup, Field, FieldRow, ScoreTable, Section, SubTitle, TextBlock } from '../form-parts.component';
import { FormDocument, type FormProps } from '../form-document.component';
import { useFormText } from '../form-text';
import { FamilyTable } from './family-table.component';
import { childStatusRows, familyStatusRows } from './score-rows';

const CONTACT_TYPES = ['in_person', 'phone', 'written'] as const;
const RIGHTS = ['general', 'refuse', 'confidentiality'] as const;

/** Form 2: the child's and the family's situation scored 1 to 4, the case worker's conclusion, consent to services. */
export function AssessmentForm({ data, privacy, organisationName }: FormProps & { organisationName: string }) {
  const text = useFormText();
  const { t, code, date } = text;
  const { csi, family, readiness, servicesConsent } = data;
  const consent = servicesConsent?.payload;
  const formDate =
    [csi?.on, family?.on]
      .filter((day): day is string => Boolean(day))
      .sort()
      .pop() ?? null;
  return (
    <FormDocument
      form="assessment"
      data={data}
      privacy={privacy}
      organisationName={organisationName}
      formDate={formDate}
    >
      <p className="mosvy-note">{t('form2.instructions')}</p>
      <FieldRow>
        <Field label={t('form2.place')} />
      </FieldRow>

      <Section number="I" title={t('form2.child.title')}>
        <p className="mosvy-hint">
          {csi ? t('doc.fromAssessment', { date: date(csi.on) }) : t('doc.scoreInstruction')} {t('doc.scaleLegend')}
        </p>
        <ScoreTable
          caption={t('form2.child.title')}
          itemHeading={t('form2.child.item')}
          rows={childStatusRows(data, text)}
        />
        {csi?.payload.summary ? <TextBlock label={t('form2.summary')} text={csi.payload.summary} /> : null}
      </Section>

      <Section number="II" title={t('form2.family.title')}>
        <SubTitle>{t('form2.family.members')}</SubTitle>
        <FamilyTable data={data} privacy={privacy} />
        <SubTitle>{t('form2.family.status')}</SubTitle>
        <p className="mosvy-hint">
          {family ? t('doc.fromAssessment', { date: date(family.on) }) : t('doc.scoreInstruction')}
        </p>
        <ScoreTable
          caption={t('form2.family.status')}
          itemHeading={t('form2.family.item')}
          rows={familyStatusRows(data, text)}
        />
      </Section>

      <Section number="III" title={t('form2.conclusion.title')}>
        <CheckGroup
          columns={2}
          items={FAMILY_CONCLUSIONS.map((conclusion) => ({
            key: conclusion,
            label: code('familyConclusion', conclusion),
            checked: family?.payload.conclusion === conclusion,
          }))}
        />
        <TextBlock label={t('form2.conclusion.description')} text={family?.payload.summary} lines={3} />
        <CheckGroup
          label={t('form2.conclusion.readiness')}
          columns={3}
          items={READINESS.map((value) => ({
            key: value,
            label: code('readiness', value),
            checked: readiness?.payload.readiness === value,
          }))}
        />
        {readiness ? <TextBlock text={readiness.payload.summary} /> : null}
        <FieldRow>
          <Field label={t('form2.conclusion.date')}>{family ? date(family.on) : null}</Field>
        </FieldRow>
      </Section>

      <Section number="IV" title={t('form2.services.title')}>
        <CheckGroup
          label={t('form2.services.contactType')}
          columns={3}
          items={CONTACT_TYPES.map((type) => ({ key: type, label: t(`form2.contactType.${type}`), checked: false }))}
        />
        <CheckGroup
          label={t('form2.services.rights')}
          columns={1}
          items={RIGHTS.map((right) => ({ key: right, label: t(`form2.rights.${right}`), checked: false }))}
        />
        <div className="mosvy-checks">
          <p className="mosvy-checks__label">{t('form2.services.decision')}</p>
          <p className="mosvy-inline-checks">
            <Check checked={consent?.action === 'given'}>{t('form2.decision.accepts')}</Check>
            <Check checked={consent?.action === 'withdrawn'}>{t('form2.decision.refuses')}</Check>
          </p>
        </div>
        <FieldRow>
          <Field label={t('form2.services.decidedBy')}>
            {consent && (CONSENT_GIVERS as readonly string[]).includes(consent.givenBy)
              ? code('consentGiver', consent.givenBy)
              : null}
          </Field>
          <Field label={t('form2.services.decidedOn')}>{servicesConsent ? date(servicesConsent.on) : null}</Field>
        </FieldRow>
      </Section>
    </FormDocument>
  );
}
