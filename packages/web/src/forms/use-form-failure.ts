import { useState, type RefObject } from 'react';
import { useFocusFirstError } from './focus-first-error';
import type { FieldErrors, Message } from './messages';
import { useFormDraft, type DraftOptions } from './use-form-draft';

/**
 * A failed submit shows the field errors and a general message, and moves focus to the first error; every
 * form does that the same way, so it lives in one place. `fail` counts each failure, so focus moves again
 * even when the errors are the same as last time. With `draft`, the form also keeps a draft of what was typed
 * (see `useFormDraft`); the form calls `draft.clear()` once saved.
 */
export function useFormFailure(formRef: RefObject<HTMLFormElement | null>, draftOptions?: DraftOptions) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstError(formRef, attempt);
  const draft = useFormDraft(formRef, draftOptions);

  const fail = (fields: FieldErrors, message: Message | null) => {
    setErrors(fields);
    setGeneral(message);
    setAttempt((n) => n + 1);
  };

  return { errors, setErrors, general, setGeneral, fail, draft };
}
