import type { ReactNode } from 'react';

/**
 * A form's last row: the submit button (its label saying when it is busy), anything shown alongside while it
 * works (`children`), and a polite status line for what the last submit did.
 */
export function FormFooter({
  pending,
  submitLabel,
  pendingLabel,
  status,
  statusTestId,
  children,
}: {
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  status: string;
  statusTestId?: string;
  children?: ReactNode;
}) {
  return (
    <div className="form__actions">
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
      {children}
      <p role="status" className="form__status" data-testid={statusTestId}>
        {status}
      </p>
    </div>
  );
}
