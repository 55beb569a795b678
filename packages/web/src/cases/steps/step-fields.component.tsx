import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RadioGroup, type Choice } from '../../forms/choice-group.component';
import { Field, FieldError, RequiredMark } from '../../forms/field.component';
import { useMessageText } from '../../forms/messages';
import { oneOf } from '../../forms/one-of';
import type { StepForm } from './use-step-form';
import { DateInput } from '../../forms/date-input.component';

interface BaseProps {
  form: StepForm;
  /** The dotted path the schema and the server use: `payload.summary`. */
  path: string;
  label: string;
  hint?: string;
  required?: boolean;
  className?: string;
}

export function TextField({
  form,
  path,
  label,
  hint,
  required,
  className,
  value,
  onChange,
  rows,
}: BaseProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <Field
      id={form.id(path)}
      name={path}
      label={label}
      required={required ?? false}
      error={form.errors[path]}
      {...(hint ? { hint } : {})}
      {...(className ? { className } : {})}
    >
      {(control) =>
        rows ? (
          <textarea
            {...control}
            rows={rows}
            value={value}
            onChange={(event) => {
              onChange(event.target.value);
              form.clear(path);
            }}
          />
        ) : (
          <input
            {...control}
            type="text"
            value={value}
            onChange={(event) => {
              onChange(event.target.value);
              form.clear(path);
            }}
          />
        )
      }
    </Field>
  );
}

export function NumberField({
  form,
  path,
  label,
  hint,
  required,
  value,
  onChange,
}: BaseProps & { value: string; onChange: (value: string) => void }) {
  return (
    <Field
      id={form.id(path)}
      name={path}
      label={label}
      required={required ?? false}
      error={form.errors[path]}
      className="field--short"
      {...(hint ? { hint } : {})}
    >
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            form.clear(path);
          }}
        />
      )}
    </Field>
  );
}

export function DateField({
  form,
  path,
  label,
  hint,
  required,
  value,
  onChange,
  min,
  max,
}: BaseProps & { value: string; onChange: (value: string) => void; min?: string; max?: string }) {
  return (
    <Field
      id={form.id(path)}
      name={path}
      label={label}
      required={required ?? false}
      error={form.errors[path]}
      className="field--short"
      {...(hint ? { hint } : {})}
    >
      {(control) => (
        <DateInput
          {...control}
          min={min}
          max={max}
          value={value}
          onChange={(value) => {
            onChange(value);
            form.clear(path);
          }}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string>({
  form,
  path,
  label,
  hint,
  required,
  className,
  options,
  labelOf,
  value,
  onChange,
}: BaseProps & {
  options: readonly T[];
  labelOf: (option: T) => string;
  value: T | '';
  onChange: (value: T | '') => void;
}) {
  const { t } = useTranslation();
  return (
    <Field
      id={form.id(path)}
      name={path}
      label={label}
      required={required ?? false}
      error={form.errors[path]}
      {...(hint ? { hint } : {})}
      {...(className ? { className } : {})}
    >
      {(control) => (
        <select
          {...control}
          value={value}
          onChange={(event) => {
            onChange(oneOf(options, event.target.value));
            form.clear(path);
          }}
        >
          <option value="">{t('steps:form.choose')}</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {labelOf(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function RadioField<T extends string>({
  form,
  path,
  label,
  hint,
  required,
  className,
  options,
  labelOf,
  value,
  onChange,
}: BaseProps & {
  options: readonly T[];
  labelOf: (option: T) => ReactNode;
  value: T | '';
  onChange: (value: T) => void;
}) {
  const choices: Choice<T>[] = options.map((option) => ({ value: option, label: labelOf(option) }));
  return (
    <RadioGroup
      id={form.id(path)}
      name={path}
      legend={label}
      choices={choices}
      value={value}
      required={required ?? false}
      error={form.errors[path]}
      onChange={(next) => {
        onChange(next);
        form.clear(path);
      }}
      {...(hint ? { hint } : {})}
      {...(className ? { className } : {})}
    />
  );
}

export type YesNo = 'yes' | 'no' | '';
export const yesNo = (value: boolean | undefined): YesNo => (value === undefined ? '' : value ? 'yes' : 'no');
export const fromYesNo = (value: YesNo): boolean | undefined => (value === '' ? undefined : value === 'yes');

/** A question answered yes or no, where no answer yet is different from "no". */
export function YesNoField(props: BaseProps & { value: YesNo; onChange: (value: 'yes' | 'no') => void }) {
  const { t } = useTranslation();
  return (
    <RadioField
      {...props}
      className={['choice-group--inline', props.className ?? ''].join(' ').trim()}
      options={['yes', 'no'] as const}
      labelOf={(option) => t(`steps:form.${option}`)}
    />
  );
}

export function CheckboxField({
  form,
  path,
  label,
  hint,
  checked,
  onChange,
  required,
}: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const text = useMessageText();
  const id = form.id(path);
  const error = form.errors[path];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field--error field--checkbox' : 'field field--checkbox'} data-field={path}>
      <div className="choice">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          onChange={(event) => {
            onChange(event.target.checked);
            form.clear(path);
          }}
        />
        <label htmlFor={id}>
          {label}
          {required ? <RequiredMark /> : null}
        </label>
      </div>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error && errorId ? <FieldError id={errorId}>{text(error)}</FieldError> : null}
    </div>
  );
}

export const SCORES = ['1', '2', '3', '4'] as const;
export type ScoreText = (typeof SCORES)[number];
export const scoreText = (score: number | undefined): ScoreText | '' =>
  score === undefined ? '' : oneOf<ScoreText>(SCORES, String(score));

/** A 1 (weak) to 4 (very good) score as a row of radios, each with its word. */
export function ScoreField({
  form,
  path,
  label,
  hint,
  required,
  value,
  onChange,
}: BaseProps & { value: ScoreText | ''; onChange: (value: ScoreText) => void }) {
  const { t } = useTranslation();
  return (
    <RadioField
      form={form}
      path={path}
      label={label}
      required={required ?? false}
      className="choice-group--inline score-field"
      options={SCORES}
      labelOf={(score) => (
        <span className={`score-label score-label--${score}`}>
          <span className="score-label__number">{score}</span> {t(`steps:score.${score}`)}
        </span>
      )}
      value={value}
      onChange={onChange}
      {...(hint ? { hint } : {})}
    />
  );
}
