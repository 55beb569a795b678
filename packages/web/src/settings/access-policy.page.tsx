import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, policyAdjustmentProblems, type AccessPolicySettings, type Role } from '@homeward/core';
import { useAccessPolicy, useSaveAccessPolicy } from '../api/access.resource';
import { isApiError } from '../api/http';
import { useUser } from '../auth/user-context';
import { FormAlert } from '../forms/form-alert.component';
import { requestErrorMessage, type Message } from '../forms/messages';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { adjustmentsFrom, problemOf, type PolicyProblem, type RolePolicyDraft } from './access-policy-form';
import { PolicyMatrix } from './policy-matrix.component';
import { PolicyRoleCard } from './policy-role-card.component';
import { useNarrowScreen } from '../layout/use-narrow-screen';

/** `/settings/roles`: what each role may do in the organisation. Those with `policy.manage` only. */
export function AccessPolicyPage() {
  const { t } = useTranslation();
  const user = useUser();
  const allowed = can(user.access, 'policy.manage');
  const policy = useAccessPolicy(allowed);
  useDocumentTitle(t('oversight:roles.title'));

  if (!allowed) return <Navigate to="/cases" replace />;
  if (policy.isPending) return <LoadingState />;
  if (policy.error) {
    return (
      <section className="page">
        <h1>{t('oversight:roles.title')}</h1>
        <RequestErrorState error={policy.error} onRetry={() => void policy.refetch()} />
      </section>
    );
  }
  return <AccessPolicyForm settings={policy.data} />;
}

function AccessPolicyForm({ settings }: { settings: AccessPolicySettings }) {
  const { t } = useTranslation();
  const save = useSaveAccessPolicy();
  const [draft, setDraft] = useState(settings.effective);
  const [problems, setProblems] = useState<PolicyProblem[]>([]);
  const [general, setGeneral] = useState<Message | null>(null);
  const [saved, setSaved] = useState(false);
  const problemsRef = useRef<HTMLDivElement>(null);
  const narrow = useNarrowScreen();

  const change = (role: Role, next: RolePolicyDraft) => {
    setDraft((current) => ({ ...current, [role]: next }));
    setSaved(false);
    setProblems([]);
    setGeneral(null);
  };

  const refuse = (fields: readonly string[], otherwise: Message) => {
    const found = fields.map(problemOf).filter((problem) => problem !== null);
    setProblems(found);
    setGeneral(found.length > 0 ? { key: 'oversight:roles.refused' } : otherwise);
    // After the render that shows them, so the list is there to be read out.
    requestAnimationFrame(() => problemsRef.current?.focus());
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const adjustments = adjustmentsFrom(draft, settings.defaults);
    // The same rules the server applies, so the refusal is explained before anything is sent.
    const local = policyAdjustmentProblems(adjustments);
    if (local.length > 0) {
      refuse(local, { key: 'oversight:roles.refused' });
      return;
    }
    setProblems([]);
    setGeneral(null);
    save.mutate(adjustments, {
      onSuccess: (answer) => {
        setDraft(answer.effective);
        setSaved(true);
      },
      onError: (error) => {
        refuse(isApiError(error) ? error.fieldErrors.map((issue) => issue.field) : [], requestErrorMessage(error));
      },
    });
  };

  const problemText = ({ role, change: kind, subject }: PolicyProblem) => {
    if (kind === 'tiers') {
      return t('oversight:roles.problem.tier', {
        role: t(`codes:role.${role}`),
        tier: t(`oversight:tier.${subject}.label`),
      });
    }
    return t(kind === 'revoke' ? 'oversight:roles.problem.revoke' : 'oversight:roles.problem.grant', {
      role: t(`codes:role.${role}`),
      permission: t(`oversight:permission.${subject}.label`),
    });
  };

  return (
    <section className="page policy-page">
      <h1 id="roles-title">{t('oversight:roles.title')}</h1>
      <p className="lead">{t('oversight:roles.intro')}</p>
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="roles-title">
        <div ref={problemsRef} tabIndex={-1} data-testid="policy-problems">
          <FormAlert message={general} />
          {problems.length > 0 ? (
            <ul className="policy-problems">
              {problems.map((problem) => (
                <li key={`${problem.role}.${problem.change}.${problem.subject}`}>{problemText(problem)}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <p className="policy-legend">
          <span className="policy-legend__swatch" aria-hidden="true" /> {t('oversight:roles.legend')}
        </p>
        {narrow ? (
          <PolicyRoleCard draft={draft} defaults={settings.defaults} problems={problems} onChange={change} />
        ) : (
          <PolicyMatrix draft={draft} defaults={settings.defaults} problems={problems} onChange={change} />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? t('saving') : t('oversight:roles.submit')}
          </button>
          <Link to="/settings" className="button button--quiet">
            {t('cancel')}
          </Link>
          <p className="form__status" role="status" data-testid="policy-saved">
            {saved ? t('oversight:roles.saved') : null}
          </p>
        </div>
      </form>
    </section>
  );
}
