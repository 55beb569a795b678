import type { EventPayload } from '@homeward/core';
import { Check, Field, FieldRow, Section } from '../form-parts.component';
import { FormDocument, type FormProps } from '../form-document.component';
import { useFormText } from '../form-text';

type Goal = EventPayload<'care_plan'>['goals'][number];

const MIN_ROWS = 3;

/** One plan table: each goal with its actions, who does them and by when, then empty rows to add to. */
function PlanTable({ caption, itemHeading, goals }: { caption: string; itemHeading: string; goals: Goal[] }) {
  const { t, code, date } = useFormText();
  const rows = goals.reduce((count, goal) => count + goal.actions.length, 0);
  return (
    <table className="mosvy-table mosvy-plan">
      <caption className="visually-hidden">{caption}</caption>
      <colgroup>
        <col className="mosvy-plan__domain" />
        <col className="mosvy-plan__goal" />
        <col />
        <col className="mosvy-plan__who" />
        <col className="mosvy-plan__when" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{itemHeading}</th>
          <th scope="col">{t('form3.goal')}</th>
          <th scope="col">{t('form3.action')}</th>
          <th scope="col">{t('form3.who')}</th>
          <th scope="col">{t('form3.when')}</th>
        </tr>
      </thead>
      {goals.map((goal, goalIndex) => (
        <tbody key={goalIndex} className="mosvy-plan__goal-rows">
          {goal.actions.map((action, index) => (
            <tr key={index}>
              {index === 0 ? (
                <>
                  <th scope="rowgroup" rowSpan={goal.actions.length}>
                    {goal.domain === 'family' ? t('form3.familyDomain') : code('csiDomain', goal.domain)}
                  </th>
                  <td rowSpan={goal.actions.length}>{goal.goal}</td>
                </>
              ) : null}
              <td>{action.action}</td>
              <td>{action.who}</td>
              <td>{date(action.by)}</td>
            </tr>
          ))}
        </tbody>
      ))}
      <tbody>
        {Array.from({ length: Math.max(1, MIN_ROWS - rows) }, (_, index) => (
          <tr key={index} className="mosvy-table__blank">
            <td />
            <td />
            <td />
            <td />
            <td />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Form 3: the service plan for the child and for the family: goal, detailed action, who, when. */
export function ServicePlanForm({ data, privacy, organisationName }: FormProps & { organisationName: string }) {
  const { t, code, date } = useFormText();
  const plan = data.carePlan;
  const goals = plan?.payload.goals ?? [];
  const lowScores = (data.csi?.payload.scores ?? []).filter((entry) => entry.score <= 2);
  const approval = data.state?.carePlan;
  return (
    <FormDocument
      form="service-plan"
      data={data}
      privacy={privacy}
      organisationName={organisationName}
      formDate={plan?.on ?? null}
      signers={[{ role: t('doc.signer.guardian'), thumbprint: true }]}
    >
      <FieldRow>
        <Field label={t('form3.reviewOn')}>{plan ? date(plan.payload.reviewOn) : null}</Field>
      </FieldRow>
      <FieldRow>
        <span className="mosvy-field mosvy-field--checks">
          <span className="mosvy-field__label">{t('form3.approved')}</span>
          <Check checked={Boolean(plan && approval?.approved)}>{t('form3.approvedYes')}</Check>
          <Check checked={Boolean(plan && approval && !approval.approved)}>{t('form3.approvedNo')}</Check>
        </span>
      </FieldRow>
      <p className="mosvy-hint">
        {t('form3.fromLowScores')}
        {lowScores.length > 0
          ? ` ${t('form3.lowScores', { domains: lowScores.map((entry) => code('csiDomain', entry.domain)).join('; ') })}`
          : null}
      </p>

      <Section number="I" title={t('form3.child.title')}>
        <PlanTable
          caption={t('form3.child.title')}
          itemHeading={t('form3.child.item')}
          goals={goals.filter((goal) => goal.domain !== 'family')}
        />
      </Section>

      <Section number="II" title={t('form3.family.title')}>
        <PlanTable
          caption={t('form3.family.title')}
          itemHeading={t('form3.family.item')}
          goals={goals.filter((goal) => goal.domain === 'family')}
        />
      </Section>
    </FormDocument>
  );
}
