import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, type AttachmentKind } from '@homeward/core';
import { useCaseState } from '../api/cases.resource';
import { RadioGroup } from '../forms/choice-group.component';
import { Field } from '../forms/field.component';
import { FormAlert } from '../forms/form-alert.component';
import { FormFooter } from '../forms/form-footer.component';
import { useFormFailure } from '../forms/use-form-failure';
import type { FieldErrors, Message } from '../forms/messages';
import { withoutError } from '../forms/without-error';
import { acceptFor, uploadFailure, validateUpload } from './attachment-rules';
import { ConsentStepLink } from './consent-step-link.component';
import { useUploadAttachment } from './documents.resource';
import { formatFileSize } from './file-size';

/** "Add a photo or document": kind, title and file, checked here first and then by the server. */
export function AttachmentUploadForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const upload = useUploadAttachment(caseId);
  // Already loaded on the case page; it tells, before anything is sent, that a photo would be refused.
  const caseState = useCaseState(caseId);
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<AttachmentKind | ''>('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [noConsent, setNoConsent] = useState(false);
  const [uploaded, setUploaded] = useState<{ title: string; queued: boolean } | null>(null);
  const { errors, setErrors, general, setGeneral, fail: showFailure } = useFormFailure(formRef);

  const photoConsent = caseState.data?.consents.photos;
  const consentMissing = kind === 'photo' && photoConsent === false;

  const fail = (fields: FieldErrors, message: Message | null, consent = false) => {
    showFailure(fields, message);
    setNoConsent(consent);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setUploaded(null);
    const result = validateUpload({ kind, title, file });
    if (!result.ok) {
      fail(result.errors, null);
      return;
    }
    if (consentMissing) {
      fail({}, { key: 'documents:errors.no_photo_consent' }, true);
      return;
    }
    setErrors({});
    setGeneral(null);
    setNoConsent(false);
    upload.mutate(result.value, {
      onSuccess: (stored) => {
        setTitle('');
        setFile(null);
        setKind('');
        if (fileRef.current) fileRef.current.value = '';
        // Kept on the device when the server could not be reached: its id is not on the server yet.
        setUploaded({ title: stored.title, queued: stored.queued });
      },
      onError: (error) => {
        const failure = uploadFailure(error, kind);
        if (failure.kind === 'no_photo_consent') fail({}, { key: 'documents:errors.no_photo_consent' }, true);
        else fail(failure.fields, failure.general);
      },
    });
  };

  const percent = Math.round(upload.progress * 100);

  return (
    <form
      ref={formRef}
      className="form upload-form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="upload-form-title"
      data-testid="upload-form"
    >
      <h3 id="upload-form-title">{t('documents:upload.title')}</h3>
      <FormAlert message={general} />
      {noConsent ? (
        <p className="upload-form__consent-link">
          <ConsentStepLink caseId={caseId} />
        </p>
      ) : null}
      <RadioGroup
        id="upload-kind"
        name="kind"
        legend={t('documents:upload.kind')}
        hint={t('documents:upload.kindHint')}
        className="choice-group--inline"
        required
        choices={ATTACHMENT_KINDS.map((value) => ({ value, label: t(`documents:upload.kinds.${value}`) }))}
        value={kind}
        error={errors.kind}
        onChange={(value) => {
          setKind(value);
          setErrors((current) => withoutError(withoutError(current, 'kind'), 'file'));
          setNoConsent(false);
          setGeneral(null);
        }}
      />
      {/* A live region kept in the page, so that choosing "Photo" announces the missing consent at once. */}
      <div role="status">
        {consentMissing && !noConsent ? (
          <div className="consent-warning" data-testid="no-photo-consent-warning">
            <p>{t('documents:upload.noConsentWarning')}</p>
            <p>
              <ConsentStepLink caseId={caseId} />
            </p>
          </div>
        ) : null}
      </div>
      <Field
        id="upload-title"
        name="title"
        label={t('documents:upload.titleLabel')}
        hint={t('documents:upload.titleHint')}
        required
        error={errors.title}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            value={title}
            onChange={(event) => {
              setTitle(event.target.value);
              setErrors((current) => withoutError(current, 'title'));
            }}
          />
        )}
      </Field>
      <Field
        id="upload-file"
        name="file"
        label={t('documents:upload.file')}
        hint={t('documents:upload.fileHint', { max: formatFileSize(MAX_ATTACHMENT_BYTES) })}
        required
        error={errors.file}
      >
        {(control) => (
          <input
            {...control}
            ref={fileRef}
            type="file"
            accept={acceptFor(kind)}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setErrors((current) => withoutError(current, 'file'));
            }}
          />
        )}
      </Field>
      <p className="privacy-note" id="upload-privacy">
        {t('documents:upload.privacy')}
      </p>
      <FormFooter
        pending={upload.isPending}
        submitLabel={t('documents:upload.submit')}
        pendingLabel={t('documents:upload.uploading')}
        status={
          uploaded
            ? t(uploaded.queued ? 'documents:upload.queued' : 'documents:upload.uploaded', { title: uploaded.title })
            : ''
        }
        statusTestId="upload-status"
      >
        {upload.isPending ? (
          <progress
            className="upload-form__progress"
            max={100}
            value={percent}
            aria-label={t('documents:upload.progress', { percent })}
          />
        ) : null}
      </FormFooter>
    </form>
  );
}
