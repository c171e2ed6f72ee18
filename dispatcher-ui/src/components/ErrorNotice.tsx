// An API failure in words a person can act on, with a retry when one makes sense.
import { isApiError } from '../api/http.ts';
import { type Translate, useT } from '../i18n/i18n.tsx';
import type { ApiErrorCode } from '@hcm112/shared';

function codeSentence(t: Translate, code: ApiErrorCode, fields: string[]): string {
  switch (code) {
    case 'invalid':
      return fields.length > 0
        ? t('error.code.invalid', { fields: fields.join(', ') })
        : t('error.code.invalidNoField');
    case 'unauthenticated':
    case 'not-found':
    case 'conflict':
    case 'too-large':
    case 'gone':
    case 'too-many-requests':
    case 'internal':
      return t(`error.code.${code}`);
    case 'forbidden':
      return t('error.forbidden');
    case 'unavailable':
      return t('error.unavailable');
  }
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  let text: string;
  // The server's own message is English: shown after the sentence in the reader's language, marked as English.
  let detail: string | null = null;
  if (isApiError(error) && (error.status === 0 || error.status >= 500)) text = t('error.unavailable');
  else if (isApiError(error) && error.status === 403) text = t('error.forbidden');
  else if (isApiError(error)) {
    text = codeSentence(t, error.code, Object.keys(error.fields));
    detail = error.message;
  } else text = t('error.generic', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="alert-box" role="alert">
      <span aria-hidden="true">⚠ </span>
      {text}
      {detail && (
        <span className="muted" lang="en">
          {' '}
          ({detail})
        </span>
      )}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
