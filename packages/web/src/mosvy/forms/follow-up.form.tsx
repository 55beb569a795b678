import type { ReactNode } from 'react';
import { Field, FieldRow, Lines, Section } from '../form-parts.component';
import { FormDocument, type FormProps } from '../form-document.component';
import { useFormText } from '../form-text';

const MIN_ROWS = 3;

interface ActionResult {
  key: string;
  on: string;
  action: ReactNode;
  result: ReactNode;
}

/** Form 5: each follow-up visit as action → result, then the new issues found and what was done about them. */
export function FollowUpForm({ data, privacy, organisationName }: FormProps & { organisationName: string }) {
  const { t, code, date, num, labelled } = useFormText();
  const { followUps, lostContacts, contactsRestored, reintegration, state } = data;

  const rows: ActionResult[] = [
    ...followUps.map((visit) => {
      const p = visit.payload;
      return {
        key: visit.id,
        on: visit.on,
        action: (
          <>
            <strong>{code('followUpMode', p.mode)}</strong>
            {p.actionsTaken ? <span className="mosvy-prose">{p.actionsTaken}</span> : null}
          </>
        ),
        result: (
          <>
            <span className="mosvy-result-line">
              {p.livingInGoodConditions ? t('form5.goodConditions') : t('form5.notGoodConditions')}
            </span>
            <span className="mosvy-result-line">{code('schoolOrWork', p.schoolOrWork)}</span>
            {p.wellbeing.length > 0 ? (
              <span className="mosvy-result-line">
                {labelled(t('form5.wellbeing'))}
                {p.wellbeing.map((entry) => `${code('csiDomain', entry.domain)} ${num(entry.score)}`).join('; ')}
              </span>
            ) : null}
          </>
        ),
      };
    }),
    ...lostContacts.map((lost) => ({
      key: lost.id,
      on: lost.on,
      action: (
        <>
          <strong>{t('form5.lostContact')}</strong>
          <span className="mosvy-result-line">{code('lostContactReason', lost.payload.reason)}</span>
        </>
      ),
      result: (
        <>
          <span className="mosvy-result-line">
            {lost.payload.authoritiesInformed
              ? t('form5.authoritiesInformed', { whom: lost.payload.informedWhom ?? '' })
              : t('form5.authoritiesNotInformed')}
          </span>
          {lost.payload.note ? <span className="mosvy-prose">{lost.payload.note}</span> : null}
        </>
      ),
    })),
    ...contactsRestored.map((restored) => ({
      key: restored.id,
      on: restored.on,
      action: <strong>{t('form5.contactRestored')}</strong>,
      result: <span className="mosvy-prose">{restored.payload.note}</span>,
    })),
  ].sort((a, b) => a.on.localeCompare(b.on));

  const issues = followUps.filter((visit) => visit.payload.risksFound);
  const followUp = state?.followUp;
  return (
    <FormDocument
      form="follow-up"
      data={data}
      privacy={privacy}
      organisationName={organisationName}
      formDate={rows[rows.length - 1]?.on ?? null}
      signers={[{ role: t('doc.signer.localAuthority') }]}
    >
      <p className="mosvy-note">{t('form5.purpose')}</p>
      <FieldRow>
        <Field label={t('form5.reintegratedOn')}>{reintegration ? date(reintegration.on) : null}</Field>
        <Field label={t('form5.visitsDone')}>{followUps.length > 0 ? num(followUps.length) : null}</Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('form5.nextVisit')}>{followUp?.next ? date(followUp.next) : null}</Field>
        <Field label={t('form5.overdue')}>
          {followUp && followUp.overdue.length > 0 ? num(followUp.overdue.length) : null}
        </Field>
      </FieldRow>

      <Section number="I" title={t('form5.actions.title')}>
        <table className="mosvy-table mosvy-actions">
          <caption className="visually-hidden">{t('form5.actions.title')}</caption>
          <colgroup>
            <col className="mosvy-actions__no" />
            <col className="mosvy-actions__date" />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('form5.actions.number')}</th>
              <th scope="col">{t('form5.actions.date')}</th>
              <th scope="col">{t('form5.actions.action')}</th>
              <th scope="col">{t('form5.actions.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.key}>
                <td>{num(index + 1)}</td>
                <td className="mosvy-nowrap">{date(row.on)}</td>
                <td>{row.action}</td>
                <td>{row.result}</td>
              </tr>
            ))}
            {Array.from({ length: Math.max(1, MIN_ROWS - rows.length) }, (_, index) => (
              <tr key={`blank-${index}`} className="mosvy-table__blank mosvy-table__blank--tall">
                <td>{num(rows.length + index + 1)}</td>
                <td />
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section number="II" title={t('form5.issues.title')}>
        {issues.length > 0 ? (
          <ol className="mosvy-issues">
            {issues.map((visit) => (
              <li key={visit.id}>
                <span className="mosvy-issues__date">{date(visit.on)}</span>
                <span className="mosvy-result-line">
                  <strong>{labelled(t('form5.issues.issue'))}</strong>
                  {visit.payload.risksFound}
                </span>
                <span className="mosvy-result-line">
                  <strong>{labelled(t('form5.issues.solution'))}</strong>
                  {visit.payload.actionsTaken ?? <Lines />}
                </span>
              </li>
            ))}
          </ol>
        ) : null}
        <Lines count={issues.length > 0 ? 2 : 5} />
      </Section>
    </FormDocument>
  );
}
