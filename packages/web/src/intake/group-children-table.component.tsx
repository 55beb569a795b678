import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { placeName, placePath, SEXES, formatPlace } from '@homeward/core';
import { useMessageText, type FieldErrors } from '../forms/messages';
import { oneOf } from '../forms/one-of';
import { LocationPicker } from '../locations/location-picker.component';
import { useLanguage } from '../text/use-language';
import { rowErrorKey, type ChildField, type ChildRow } from './group-intake-form';
import { DateInput } from '../forms/date-input.component';
import { useGazetteer } from '../locations/use-gazetteer';
import { draftRemove, draftRow } from '../forms/draft-rows';

interface GroupChildrenTableProps {
  rows: readonly ChildRow[];
  errors: FieldErrors;
  today: string;
  onChange: (key: number, patch: Partial<ChildRow>) => void;
  onRemove: (key: number) => void;
}

/** Element ids follow the row's key and the field, so the page and the tests can find a cell. */
export function childFieldId(key: number, field: string): string {
  return `group-child-${key}-${field}`;
}

const COLUMNS = 10;

/**
 * One row per child: names in both scripts, sex, a date of birth or an age, and a village chosen in a panel
 * that opens under the row. On a phone each row becomes a card with its labels shown.
 */
export function GroupChildrenTable({ rows, errors, today, onChange, onRemove }: GroupChildrenTableProps) {
  useGazetteer();
  const { t } = useTranslation();
  const text = useMessageText();
  const language = useLanguage();
  const [openVillage, setOpenVillage] = useState<number | null>(null);
  const focusAfterRender = useRef<string | null>(null);

  useEffect(() => {
    if (focusAfterRender.current) document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  const columns = {
    familyNameKm: t('oversight:groupIntake.columns.familyNameKm'),
    givenNameKm: t('oversight:groupIntake.columns.givenNameKm'),
    familyNameLatin: t('oversight:groupIntake.columns.familyNameLatin'),
    givenNameLatin: t('oversight:groupIntake.columns.givenNameLatin'),
    sex: t('cases:fields.sex'),
    dateOfBirth: t('cases:fields.dateOfBirth'),
    estimatedAge: t('oversight:groupIntake.columns.estimatedAge'),
    villageCode: t('oversight:groupIntake.columns.village'),
  } satisfies Record<ChildField, string>;

  const toggleVillage = (key: number) => {
    if (openVillage === key) {
      setOpenVillage(null);
      focusAfterRender.current = childFieldId(key, 'village-toggle');
    } else {
      setOpenVillage(key);
      focusAfterRender.current = childFieldId(key, 'villageCode');
    }
  };

  return (
    <table className="group-table" data-testid="group-children">
      <caption className="visually-hidden">{t('oversight:groupIntake.children')}</caption>
      <thead>
        <tr>
          <th scope="col" className="group-table__number">
            <span aria-hidden="true">#</span>
            <span className="visually-hidden">{t('oversight:groupIntake.columns.number')}</span>
          </th>
          {Object.entries(columns).map(([field, label]) => (
            <th key={field} scope="col" className={`group-table__col--${field}`}>
              {label}
              {field === 'sex' ? (
                <span className="field__required" aria-hidden="true">
                  {' *'}
                </span>
              ) : null}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">{t('oversight:groupIntake.columns.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const n = index + 1;
          const childLabel = t('oversight:groupIntake.childN', { n });
          const rowHasError = Object.keys(errors).some((key) => key.startsWith(`children.${row.key}.`));
          const above = index > 0 ? rows[index - 1] : undefined;
          const villageOpen = openVillage === row.key;

          const cell = (field: ChildField, control: (props: ControlProps) => ReactNode, extraClass = '') => {
            const id = childFieldId(row.key, field);
            const error = errors[rowErrorKey(row.key, field)];
            const errorId = `${id}-error`;
            return (
              <td
                className={[
                  'field',
                  'group-table__cell',
                  `group-table__col--${field}`,
                  error ? 'field--error' : '',
                  extraClass,
                ]
                  .filter(Boolean)
                  .join(' ')}
                data-field={field}
              >
                <label htmlFor={id} className="group-table__label">
                  <span className="visually-hidden">{childLabel}: </span>
                  {columns[field]}
                </label>
                {control({
                  id,
                  name: `children.${index}.${field}`,
                  'aria-invalid': error ? true : undefined,
                  'aria-describedby': error ? errorId : undefined,
                })}
                {error ? (
                  <p id={errorId} className="field__error">
                    {text(error)}
                  </p>
                ) : null}
              </td>
            );
          };

          const textInput = (
            field: 'familyNameKm' | 'givenNameKm' | 'familyNameLatin' | 'givenNameLatin',
            lang: string,
          ) =>
            cell(field, (props) => (
              <input
                {...props}
                type="text"
                lang={lang}
                autoComplete="off"
                spellCheck={false}
                value={row[field]}
                onChange={(event) => onChange(row.key, { [field]: event.target.value })}
              />
            ));

          const villageError = errors[rowErrorKey(row.key, 'villageCode')];
          const village = row.villageCode ? placePath(row.villageCode) : [];
          const villagePlace = village.at(-1);
          const panelId = childFieldId(row.key, 'village-panel');
          return (
            <Fragment key={row.key}>
              <tr
                className={rowHasError ? 'group-table__row group-table__row--error' : 'group-table__row'}
                data-testid="group-row"
                {...draftRow('children')}
              >
                <th scope="row" className="group-table__number">
                  <span className="group-table__n" aria-hidden="true">
                    {n}
                  </span>
                  <span className="group-table__child-label">{childLabel}</span>
                </th>
                {textInput('familyNameKm', 'km')}
                {textInput('givenNameKm', 'km')}
                {textInput('familyNameLatin', 'en')}
                {textInput('givenNameLatin', 'en')}
                {cell('sex', (props) => (
                  <select
                    {...props}
                    required
                    value={row.sex}
                    onChange={(event) => onChange(row.key, { sex: oneOf(SEXES, event.target.value) })}
                  >
                    <option value="">{t('cases:new.choose')}</option>
                    {SEXES.map((sex) => (
                      <option key={sex} value={sex}>
                        {t(`codes:sex.${sex}`)}
                      </option>
                    ))}
                  </select>
                ))}
                {cell('dateOfBirth', (props) => (
                  <DateInput
                    {...props}
                    max={today}
                    value={row.dateOfBirth}
                    onChange={(value) => onChange(row.key, { dateOfBirth: value })}
                  />
                ))}
                {cell('estimatedAge', (props) => (
                  <input
                    {...props}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={30}
                    step={1}
                    value={row.estimatedAge}
                    onChange={(event) => onChange(row.key, { estimatedAge: event.target.value })}
                  />
                ))}
                <td
                  className={[
                    'field',
                    'group-table__cell',
                    'group-table__col--villageCode',
                    villageError ? 'field--error' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  data-field="villageCode"
                >
                  <span className="group-table__label" id={childFieldId(row.key, 'village-label')}>
                    <span className="visually-hidden">{childLabel}: </span>
                    {columns.villageCode}
                  </span>
                  <button
                    type="button"
                    id={childFieldId(row.key, 'village-toggle')}
                    className="village-toggle"
                    aria-expanded={villageOpen}
                    aria-controls={panelId}
                    aria-describedby={villageError ? `${childFieldId(row.key, 'villageCode')}-error` : undefined}
                    onClick={() => toggleVillage(row.key)}
                  >
                    <span className="visually-hidden">
                      {childLabel}, {columns.villageCode}:{' '}
                    </span>
                    {village.length > 0 ? (
                      <span className="village-toggle__value">
                        <span className="village-toggle__name">
                          {villagePlace ? placeName(villagePlace, language) : row.villageCode}
                        </span>
                        <span className="village-toggle__path">
                          {village
                            .slice(0, -1)
                            .reverse()
                            .slice(0, 2)
                            .map((place) => placeName(place, language))
                            .join(', ')}
                        </span>
                      </span>
                    ) : (
                      <span className="village-toggle__none">{t('oversight:groupIntake.villageNone')}</span>
                    )}
                  </button>
                  {villageError ? (
                    <p id={`${childFieldId(row.key, 'villageCode')}-error`} className="field__error">
                      {text(villageError)}
                    </p>
                  ) : null}
                </td>
                <td className="group-table__remove">
                  <button
                    type="button"
                    className="icon-button"
                    onClick={() => onRemove(row.key)}
                    disabled={rows.length === 1}
                    aria-label={t('oversight:groupIntake.removeRow', { n })}
                    data-testid="group-row-remove"
                    {...draftRemove}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </td>
              </tr>
              <tr className="group-table__village-row" hidden={!villageOpen}>
                <td colSpan={COLUMNS}>
                  {villageOpen ? (
                    <div
                      id={panelId}
                      className="group-table__village-panel"
                      role="group"
                      aria-label={t('oversight:groupIntake.villageFor', { n })}
                      onKeyDown={(event) => {
                        // Escape closes the panel, unless the picker used it to close its own list.
                        if (event.key === 'Escape' && !event.defaultPrevented) toggleVillage(row.key);
                      }}
                    >
                      <LocationPicker
                        id={childFieldId(row.key, 'villageCode')}
                        value={row.villageCode}
                        onChange={(villageCode) => onChange(row.key, { villageCode })}
                      />
                      <div className="form__actions">
                        <button
                          type="button"
                          className="button button--primary button--small"
                          onClick={() => toggleVillage(row.key)}
                        >
                          {t('oversight:groupIntake.villageDone')}
                        </button>
                        {above?.villageCode && above.villageCode !== row.villageCode ? (
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => onChange(row.key, { villageCode: above.villageCode })}
                          >
                            {t('oversight:groupIntake.villageSameAsAbove', {
                              place: formatPlace(above.villageCode, language),
                            })}
                          </button>
                        ) : null}
                      </div>
                    </div>
                  ) : (
                    <div id={panelId} />
                  )}
                </td>
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}
