import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILY_CONCLUSIONS, FAMILY_DOMAINS, type EventPayload } from '@homeward/core';
import { CheckboxGroup } from '../../forms/choice-group.component';
import { FieldError } from '../../forms/field.component';
import { useMessageText } from '../../forms/messages';
import { renameByDomain } from './score-list';
import { familyMembers, payloadOf } from './step-context';
import { RadioField, ScoreField, scoreText, TextField, type ScoreText } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

type FamilyDomain = (typeof FAMILY_DOMAINS)[number];
type Conclusion = EventPayload<'assessment_family'>['conclusion'];
type Answers = Record<FamilyDomain, { score: ScoreText | ''; comment: string }>;

export function FamilyAssessmentForm(props: StepFormProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const form = useStepForm('assessment_family', props);
  const members = familyMembers(props.context.events);
  const initial = payloadOf('assessment_family', props.original);
  const [memberIds, setMemberIds] = useState<string[]>(initial?.familyMemberIds ?? []);
  const [answers, setAnswers] = useState<Answers>(() => {
    const start = Object.fromEntries(FAMILY_DOMAINS.map((domain) => [domain, { score: '', comment: '' }])) as Answers;
    for (const entry of initial?.scores ?? []) {
      start[entry.domain] = { score: scoreText(entry.score), comment: entry.comment ?? '' };
    }
    return start;
  });
  const [conclusion, setConclusion] = useState<Conclusion | ''>(initial?.conclusion ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');

  const submit = form.onSubmit(() => {
    const scored = FAMILY_DOMAINS.filter(
      (domain) => answers[domain].score !== '' || answers[domain].comment.trim() !== '',
    );
    return {
      payload: {
        familyMemberIds: memberIds,
        scores: scored.map((domain) => ({
          domain,
          score: answers[domain].score === '' ? undefined : Number(answers[domain].score),
          comment: answers[domain].comment,
        })),
        conclusion: conclusion || undefined,
        summary,
      },
      options: {
        rename: renameByDomain('payload.scores', scored),
        messages: {
          'payload.scores': 'steps:familyAssessment.errors.scores',
          'payload.scores.*.score': 'steps:csi.errors.score',
          'payload.conclusion': 'steps:familyAssessment.errors.conclusion',
        },
      },
    };
  });

  const listError = form.errors['payload.scores'];
  return (
    <StepFormFrame
      form={form}
      onCancel={props.onCancel}
      onSubmit={submit}
      intro={<p className="step-form__intro">{t('steps:familyAssessment.intro')}</p>}
    >
      {members.length > 0 ? (
        <CheckboxGroup
          id={form.id('payload.familyMemberIds')}
          name="payload.familyMemberIds"
          legend={t('steps:familyAssessment.members')}
          choices={members.map((member) => ({
            value: member.memberId,
            label: `${member.name} (${t(`codes:relationship.${member.relationship}`)})`,
          }))}
          values={memberIds}
          onChange={setMemberIds}
          error={form.errors['payload.familyMemberIds']}
        />
      ) : (
        <p className="muted">{t('steps:familyAssessment.noMembers')}</p>
      )}
      <fieldset className="step-group">
        <legend className="step-group__title">{t('steps:familyAssessment.scores')}</legend>
        <div className={listError ? 'field field--error' : 'field'} data-field="payload.scores">
          {listError ? <FieldError id={form.id('payload.scores-error')}>{text(listError)}</FieldError> : null}
        </div>
        {FAMILY_DOMAINS.map((domain) => (
          <div key={domain} className="score-row">
            <ScoreField
              form={form}
              path={`payload.scores.${domain}.score`}
              label={t(`codes:familyDomain.${domain}`)}
              value={answers[domain].score}
              onChange={(score) => {
                setAnswers((current) => ({ ...current, [domain]: { ...current[domain], score } }));
                form.clear('payload.scores');
              }}
            />
            <TextField
              form={form}
              path={`payload.scores.${domain}.comment`}
              label={t('steps:familyAssessment.comment')}
              value={answers[domain].comment}
              onChange={(comment) =>
                setAnswers((current) => ({ ...current, [domain]: { ...current[domain], comment } }))
              }
            />
          </div>
        ))}
      </fieldset>
      <RadioField
        form={form}
        path="payload.conclusion"
        label={t('steps:familyAssessment.conclusion')}
        required
        options={FAMILY_CONCLUSIONS}
        labelOf={(code) => t(`codes:familyConclusion.${code}`)}
        value={conclusion}
        onChange={setConclusion}
      />
      <TextField
        form={form}
        path="payload.summary"
        label={t('steps:familyAssessment.summary')}
        rows={3}
        value={summary}
        onChange={setSummary}
      />
    </StepFormFrame>
  );
}
