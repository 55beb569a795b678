import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSI_DOMAINS, CSI_GROUPS, effectiveEvents, type CsiDomain } from '@homeward/core';
import { FieldError } from '../../forms/field.component';
import { useMessageText } from '../../forms/messages';
import { renameByDomain } from './score-list';
import { payloadOf } from './step-context';
import { ScoreField, scoreText, TextField, type ScoreText } from './step-fields.component';
import { StepFormFrame } from './step-form.component';
import { useStepForm, type StepFormProps } from './use-step-form';

interface DomainAnswer {
  score: ScoreText | '';
  reason: string;
}

type Answers = Record<CsiDomain, DomainAnswer>;

export function CsiAssessmentForm(props: StepFormProps) {
  const { t } = useTranslation();
  const text = useMessageText();
  const form = useStepForm('assessment_csi', props);
  const { events } = props.context;
  const initial = payloadOf('assessment_csi', props.original);
  const [answers, setAnswers] = useState<Answers>(() => {
    const start = Object.fromEntries(CSI_DOMAINS.map((domain) => [domain, { score: '', reason: '' }])) as Answers;
    for (const entry of initial?.scores ?? [])
      start[entry.domain] = { score: scoreText(entry.score), reason: entry.reason };
    return start;
  });
  const [summary, setSummary] = useState(initial?.summary ?? '');

  // The latest earlier assessment, shown beside each domain so the worker sees the change as they score.
  const previous = useMemo(() => {
    const earlier = effectiveEvents(events).filter(
      (event) => event.type === 'assessment_csi' && event.id !== props.original?.id,
    );
    const latest = earlier.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn))[0];
    const payload = payloadOf('assessment_csi', latest);
    return new Map(payload?.scores.map((entry) => [entry.domain, entry.score]) ?? []);
  }, [events, props.original?.id]);

  const update = (domain: CsiDomain, patch: Partial<DomainAnswer>) =>
    setAnswers((current) => ({ ...current, [domain]: { ...current[domain], ...patch } }));

  const submit = form.onSubmit(() => {
    const scored = CSI_DOMAINS.filter((domain) => answers[domain].score !== '' || answers[domain].reason.trim() !== '');
    return {
      payload: {
        scores: scored.map((domain) => ({
          domain,
          score: answers[domain].score === '' ? undefined : Number(answers[domain].score),
          reason: answers[domain].reason,
        })),
        summary,
      },
      options: {
        rename: renameByDomain('payload.scores', scored),
        messages: {
          'payload.scores': 'steps:csi.errors.scores',
          'payload.scores.*.reason': 'steps:csi.errors.reason',
          'payload.scores.*.score': 'steps:csi.errors.score',
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
      intro={<p className="step-form__intro">{t('steps:csi.intro')}</p>}
    >
      <div className={listError ? 'field field--error' : 'field'} data-field="payload.scores">
        {listError ? <FieldError id={form.id('payload.scores-error')}>{text(listError)}</FieldError> : null}
      </div>
      {Object.entries(CSI_GROUPS).map(([group, domains], index) => (
        <fieldset key={group} className="step-group">
          <legend className="step-group__title">
            {index + 1}. {t(`codes:csiGroup.${group}`)}
          </legend>
          {domains.map((domain) => {
            const last = previous.get(domain);
            return (
              <div key={domain} className="score-row" data-testid={`csi-${domain}`}>
                <ScoreField
                  form={form}
                  path={`payload.scores.${domain}.score`}
                  label={t(`codes:csiDomain.${domain}`)}
                  {...(last === undefined ? {} : { hint: t('steps:csi.previous', { score: last }) })}
                  value={answers[domain].score}
                  onChange={(score) => {
                    update(domain, { score });
                    form.clear('payload.scores');
                  }}
                />
                <TextField
                  form={form}
                  path={`payload.scores.${domain}.reason`}
                  label={t('steps:csi.reason')}
                  required={answers[domain].score !== ''}
                  rows={2}
                  value={answers[domain].reason}
                  onChange={(reason) => update(domain, { reason })}
                />
              </div>
            );
          })}
        </fieldset>
      ))}
      <TextField
        form={form}
        path="payload.summary"
        label={t('steps:csi.summary')}
        rows={3}
        value={summary}
        onChange={setSummary}
      />
    </StepFormFrame>
  );
}
