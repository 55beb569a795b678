import { formatPlace } from '@homeward/core';
import type { Privacy } from '../form-document.component';
import { useFormText } from '../form-text';
import type { MosvyCase } from '../mosvy-data';
import { useGazetteer } from '../../locations/use-gazetteer';

const MIN_ROWS = 3;

/** The child's family and carers as recorded, with empty rows to add more by hand. */
export function FamilyTable({ data, privacy }: { data: MosvyCase; privacy: Privacy }) {
  useGazetteer();
  const { t, code, lang } = useFormText();
  const contacts = data.familyContacts;
  const blanks = Math.max(0, MIN_ROWS - contacts.length);
  return (
    <table className="mosvy-table mosvy-table--ruled">
      <caption className="visually-hidden">{t('doc.family.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('doc.family.name')}</th>
          <th scope="col">{t('doc.family.relationship')}</th>
          <th scope="col">{t('doc.family.phone')}</th>
          <th scope="col">{t('doc.family.address')}</th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((contact) => (
          <tr key={contact.memberId}>
            <td>{privacy.useAlias ? null : contact.name}</td>
            <td>{code('relationship', contact.relationship)}</td>
            <td>{privacy.useAlias ? null : contact.phone}</td>
            <td>{contact.villageCode && !privacy.useAlias ? formatPlace(contact.villageCode, lang) : null}</td>
          </tr>
        ))}
        {Array.from({ length: blanks }, (_, index) => (
          <tr key={`blank-${index}`} className="mosvy-table__blank">
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
