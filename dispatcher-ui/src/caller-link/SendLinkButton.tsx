// The call-taker sends the caller of the call in hand a location link (by SMS) and sees it to read out.
import type { CallerLink } from '@hcm112/shared';
import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import { sendCallerLink } from './api.ts';

export function SendLinkButton({ callId }: { callId: string }) {
  const t = useT();
  const { lang } = useLang();
  const [link, setLink] = useState<CallerLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = () => {
    setBusy(true);
    setError(null);
    sendCallerLink(callId).then(
      (l) => {
        setLink(l);
        setBusy(false);
      },
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };
  const until = link
    ? new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'short' }).format(
        new Date(link.expiresAt),
      )
    : '';
  return (
    <div className="caller-link" data-testid="caller-link">
      <button type="button" className="btn" disabled={busy} onClick={send}>
        <span aria-hidden="true">⌖ </span>
        {busy ? t('link.sending') : t('link.send')}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
      {link ? (
        <div className="notice-box" role="status">
          <p>{t(`link.sms.${link.sms}`, { to: link.smsTo ?? '' })}</p>
          <p>{t('link.readOut')}</p>
          <p className="mono caller-link-url" data-testid="caller-link-url">
            {link.url}
          </p>
          <p className="muted">{t('link.expires', { time: until })}</p>
        </div>
      ) : null}
    </div>
  );
}
