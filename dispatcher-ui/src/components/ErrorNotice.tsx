// An API failure in words a person can act on, with a retry when one makes sense.
import { isApiError } from '../api/http.ts';
import { useT } from '../i18n/i18n.tsx';

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  let text: string;
  if (isApiError(error) && (error.status === 0 || error.status >= 500)) text = t('error.unavailable');
  else if (isApiError(error) && error.status === 403) text = t('error.forbidden');
  else text = t('error.generic', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="alert-box" role="alert">
      <span aria-hidden="true">⚠ </span>
      {text}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
