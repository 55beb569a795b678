import { useTranslation } from 'react-i18next';

/**
 * The options of a select over a code list: an empty "choose" option, then each code with its label from the
 * `codes` namespace (`codes:careType.shelter`).
 */
export function CodeOptions({ codes, list, choose }: { codes: readonly string[]; list: string; choose: string }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{choose}</option>
      {codes.map((code) => (
        <option key={code} value={code}>
          {t(`codes:${list}.${code}`)}
        </option>
      ))}
    </>
  );
}
