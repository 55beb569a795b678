import { useTranslation } from 'react-i18next';
import { requestErrorMessage, useMessageText } from '../forms/messages';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <p className="state state--loading" role="status">
      {t('loading')}
    </p>
  );
}

export function RequestErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useMessageText();
  return (
    <div className="state state--error" role="alert">
      <p>{text(requestErrorMessage(error))}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}
