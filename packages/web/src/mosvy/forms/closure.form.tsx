import { CLOSURE_REASONS } from '@homeward/core';
import { CheckGroup, Field, FieldRow, Lines, ScoreTable, Section, TextBlock } from '../form-parts.component';
import { FormDocument, type FormProps } from '../form-document.component';
import { useFormText } from '../form-text';
import { durationBetween } from '../mosvy-data';
import { childStatusRows, familyStatusRows } from './score-rows';

/** Form 6: the final scores of child and family, why the case closes, and the story from reintegration to closure. */
export function ClosureForm({ data, privacy, organisationName }: FormProps & { organisationName: string }) {
  const text = useFormText();
  const { t, code, date, num } = text;
  const { closure, csi, family, detail } = data;
  const childRows = childStatusRows(data, text);
  const familyRows = familyStatusRows(data, text);
  const sum = (rows: typeof childRows) => rows.reduce((total, row) => total + (row.score ?? 0), 0);
  const anyScore = [...childRows, ...familyRows].some((row) => row.score !== undefined);
  const time = closure ? durationBetween(detail.openedOn, closure.on) : null;
  return (
    <FormDocument
      form="closure"
      data={data}
      privacy={privacy}
      organisationName={organisationName}
      formDate={closure?.on ?? null}
      signers={[
        { role: t('doc.signer.child'), thumbprint: true },
        { role: t('doc.signer.guardian'), thumbprint: true },
      ]}
    >
      <FieldRow>
        <Field label={t('form6.openedOn')}>{date(detail.openedOn)}</Field>
        <Field label={t('form6.closedOn')}>{closure ? date(closure.on) : null}</Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('form6.timeInCare')}>
          {time
            ? t('form6.duration', { years: num(time.years), months: num(time.months), days: num(time.days) })
            : null}
        </Field>
      </FieldRow>

      <Section number="I" title={t('form6.child.title')}>
        <p className="mosvy-hint">
          {csi ? t('doc.fromAssessment', { date: date(csi.on) }) : t('doc.scoreInstruction')} {t('doc.scaleLegend')}
        </p>
        <ScoreTable caption={t('form6.child.title')} itemHeading={t('form2.child.item')} rows={childRows} />
      </Section>

      <Section number="II" title={t('form6.family.title')}>
        <p className="mosvy-hint">
          {family ? t('doc.fromAssessment', { date: date(family.on) }) : t('doc.scoreInstruction')}
        </p>
        <ScoreTable caption={t('form6.family.title')} itemHeading={t('form2.family.item')} rows={familyRows} />
        <FieldRow>
          <Field label={t('form6.grandTotal')}>{anyScore ? num(sum(childRows) + sum(familyRows)) : null}</Field>
        </FieldRow>
      </Section>

      <Section number="III" title={t('form6.conclusion.title')}>
        <CheckGroup
          columns={2}
          items={CLOSURE_REASONS.map((reason) => ({
            key: reason,
            label: code('closureReason', reason),
            checked: closure?.payload.reason === reason,
          }))}
        />
      </Section>

      <Section number="IV" title={t('form6.story.title')}>
        <TextBlock text={closure?.payload.summary} lines={8} />
        {closure ? <Lines count={3} /> : null}
      </Section>
    </FormDocument>
  );
}
