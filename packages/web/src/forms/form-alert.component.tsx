import { useMessageText, type Message } from './messages';

/** An error about the whole form (network, lock-out, a field the form does not show), announced at once. */
export function FormAlert({ message }: { message: Message | null }) {
  const text = useMessageText();
  return (
    <div role="alert" className={message ? 'form-alert' : 'form-alert form-alert--empty'} data-testid="form-alert">
      {message ? text(message) : null}
    </div>
  );
}
