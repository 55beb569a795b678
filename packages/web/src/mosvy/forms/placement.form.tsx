import { CARE_TYPES, FACILITY_CARE_TYPES, formatPlace, type CareType } from '@homeward/core';
import { Check, Field, FieldRow, Section, TextBlock } from '../form-parts.component';
import { FormDocument, type FormProps } from '../form-document.component';
import { useFormText } from '../form-text';
import { useGazetteer } from '../../locations/use-gazetteer';

/** Form 4: the form of care the child is placed in (or returned to), the carer, the date, and the agreements. */
export function PlacementForm({
  data,
  privacy,
  organisationName,
  facilityNames,
}: FormProps & { organisationName: string; facilityNames: ReadonlyMap<string, string> }) {
  useGazetteer();
  const { t, code, date, lang } = useFormText();
  const { arrangement, reintegration, placements, state } = data;
  // A family carer's name and village would identify the child; a facility's would not.
  const hideCarer = (careType: CareType | null) =>
    privacy.useAlias && (careType === null || !FACILITY_CARE_TYPES.includes(careType));
  const carer = arrangement && !hideCarer(arrangement.careType) ? arrangement.carer : null;
  const address =
    arrangement?.villageCode && !hideCarer(arrangement.careType) ? formatPlace(arrangement.villageCode, lang) : null;
  const reintegrationApproved = state?.approvals.some(
    (approval) => approval.subject === 'reintegration' && approval.decision === 'approved',
  );
  return (
    <FormDocument
      form="placement"
      data={data}
      privacy={privacy}
      organisationName={organisationName}
      formDate={arrangement?.since ?? null}
      signers={[
        { role: t('doc.signer.child'), thumbprint: true },
        { role: t('doc.signer.carer'), name: carer, thumbprint: true },
      ]}
    >
      <p className="mosvy-note">{t('form4.statement')}</p>
      <FieldRow>
        <Field label={t('form4.date')}>{arrangement ? date(arrangement.since) : null}</Field>
      </FieldRow>

      <Section number="I" title={t('form4.options.title')}>
        <p className="mosvy-hint">{t('form4.options.order')}</p>
        <table className="mosvy-table mosvy-care">
          <caption className="visually-hidden">{t('form4.options.title')}</caption>
          <colgroup>
            <col className="mosvy-care__type" />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('form4.options.careType')}</th>
              <th scope="col">{t('form4.options.carer')}</th>
              <th scope="col">{t('form4.options.address')}</th>
            </tr>
          </thead>
          <tbody>
            {CARE_TYPES.map((careType) => {
              const chosen = arrangement?.careType === careType;
              return (
                <tr key={careType} className={chosen ? 'mosvy-care__chosen' : undefined}>
                  <th scope="row">
                    <Check checked={chosen}>{code('careType', careType)}</Check>
                  </th>
                  <td>{chosen ? carer : null}</td>
                  <td>{chosen ? address : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {arrangement?.destination && arrangement.careType === null ? (
          <FieldRow>
            <Field label={t('form4.reintegration.destination')}>{code('destination', arrangement.destination)}</Field>
          </FieldRow>
        ) : null}
      </Section>

      <Section number="II" title={t('form4.reintegration.title')}>
        <FieldRow>
          <Field label={t('form4.reintegration.date')}>{reintegration ? date(reintegration.on) : null}</Field>
          <Field label={t('form4.reintegration.destination')}>
            {reintegration ? code('destination', reintegration.payload.destination) : null}
          </Field>
        </FieldRow>
        <FieldRow>
          <Field label={t('form4.reintegration.carer')}>
            {reintegration && !privacy.useAlias ? reintegration.payload.carerName : null}
          </Field>
        </FieldRow>
        <p className="mosvy-inline-checks">
          <Check checked={Boolean(reintegration?.payload.childConsents)}>
            {t('form4.reintegration.childConsents')}
          </Check>
          <Check checked={Boolean(reintegration && reintegrationApproved)}>{t('form4.reintegration.approved')}</Check>
        </p>
        <TextBlock label={t('form4.reintegration.note')} text={reintegration?.payload.note} lines={2} />
      </Section>

      <Section number="III" title={t('form4.history.title')}>
        <table className="mosvy-table mosvy-table--ruled">
          <caption className="visually-hidden">{t('form4.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('form4.history.date')}</th>
              <th scope="col">{t('form4.history.careType')}</th>
              <th scope="col">{t('form4.history.place')}</th>
            </tr>
          </thead>
          <tbody>
            {placements.map((placement) => {
              const { careType, facilityId, carerName } = placement.payload;
              const place = (facilityId ? facilityNames.get(facilityId) : undefined) ?? carerName;
              return (
                <tr key={placement.id}>
                  <td className="mosvy-nowrap">{date(placement.on)}</td>
                  <td>{code('careType', careType)}</td>
                  <td>{hideCarer(careType) ? null : place}</td>
                </tr>
              );
            })}
            {reintegration ? (
              <tr>
                <td className="mosvy-nowrap">{date(reintegration.on)}</td>
                <td>
                  {t('form4.history.reintegrated', {
                    destination: code('destination', reintegration.payload.destination),
                  })}
                </td>
                <td>{privacy.useAlias ? null : reintegration.payload.carerName}</td>
              </tr>
            ) : null}
            {placements.length === 0 && !reintegration ? (
              <tr className="mosvy-table__blank">
                <td />
                <td />
                <td />
              </tr>
            ) : null}
          </tbody>
        </table>
      </Section>

      <Section number="IV" title={t('form4.agreement.title')}>
        <TextBlock label={t('form4.agreement.childLabel')} text={t('form4.agreement.child')} />
        <TextBlock label={t('form4.agreement.carerLabel')} text={t('form4.agreement.carer')} />
      </Section>
    </FormDocument>
  );
}
