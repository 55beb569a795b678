import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, type EventPayload } from '@homeward/core';
import { payloadOf } from './step-context';
import { NumberField, SelectField, TextField } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type Grade = EventPayload<'education'>['grade'];

/** Cambodia's school year starts in the autumn (November since 2023): "2025-2026" from October 2025 on. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 10 ? year : year - 1;
  return `${start}-${start + 1}`;
}

const numberOrUndefined = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

export function EducationForm(props: StepFormProps) {
  const { t } = useTranslation();
  const form = useStepForm('education', props);
  const initial = payloadOf('education', props.original);
  const [school, setSchool] = useState(initial?.school ?? '');
  const [grade, setGrade] = useState<Grade | ''>(initial?.grade ?? '');
  const [schoolYear, setSchoolYear] = useState(initial?.schoolYear ?? schoolYearOf(props.context.today));
  const [rank, setRank] = useState(initial?.rank === undefined ? '' : String(initial.rank));
  const [classSize, setClassSize] = useState(initial?.classSize === undefined ? '' : String(initial.classSize));
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={form.onSubmit(() => ({
        payload: {
          school,
          grade: grade || undefined,
          schoolYear: schoolYear.trim(),
          rank: numberOrUndefined(rank),
          classSize: numberOrUndefined(classSize),
        },
        options: {
          messages: {
            'payload.school': 'steps:education.errors.school',
            'payload.schoolYear': 'steps:education.errors.schoolYear',
          },
        },
      }))}
    >
      <TextField
        form={form}
        path="payload.school"
        label={t('steps:education.school')}
        required
        value={school}
        onChange={setSchool}
      />
      <div className="form-grid">
        <SelectField
          form={form}
          path="payload.grade"
          label={t('steps:education.grade')}
          required
          options={GRADES}
          labelOf={(code) => t(`codes:grade.${code}`)}
          value={grade}
          onChange={setGrade}
        />
        <TextField
          form={form}
          path="payload.schoolYear"
          label={t('steps:education.schoolYear')}
          hint={t('steps:education.schoolYearHint')}
          required
          value={schoolYear}
          onChange={setSchoolYear}
        />
        <NumberField
          form={form}
          path="payload.rank"
          label={t('steps:education.rank')}
          value={rank}
          onChange={setRank}
        />
        <NumberField
          form={form}
          path="payload.classSize"
          label={t('steps:education.classSize')}
          value={classSize}
          onChange={setClassSize}
        />
      </div>
    </StepFormFrame>
  );
}
