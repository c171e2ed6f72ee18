// The dispatcher's view of an incident's callers' phones: the newest position each call's location link gave,
// updated live as the call is announced again (each position announces the call).
import { type Call, CallLocationHistory, type LocationFix } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { get } from '../api/http.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { useRealtimeClient } from '../realtime/RealtimeProvider.tsx';
import { CallerVideo } from './CallerVideo.tsx';

/** The newest link position of each of `callIds`, refetched whenever one of those calls is announced. */
function useLinkFixes(callIds: readonly string[]): Record<string, LocationFix> {
  const client = useRealtimeClient();
  const [fixes, setFixes] = useState<Record<string, LocationFix>>({});
  const key = callIds.join(',');
  useEffect(() => {
    let current = true;
    const ids = key ? key.split(',') : [];
    const load = (id: string) =>
      get(`/calls/${id}/locations`, CallLocationHistory).then(
        (h) => {
          const newest = h.fixes.filter((f) => f.source === 'link' && f.location).at(-1);
          if (current && newest) setFixes((old) => ({ ...old, [id]: newest }));
        },
        () => {},
      );
    for (const id of ids) void load(id);
    const off = client.onEvent((envelope) => {
      const event = envelope.event;
      if (event.type !== 'call.updated' || !ids.includes(event.call.id)) return;
      const call: Call = event.call;
      if (call.location?.source === 'link') void load(call.id);
    });
    return () => {
      current = false;
      off();
    };
  }, [key, client]);
  return fixes;
}

export function CallerPhoneLocation({ callIds }: { callIds: readonly string[] }) {
  const t = useT();
  const { lang } = useLang();
  const fixes = Object.values(useLinkFixes(callIds));
  const videos = callIds.map((id) => <CallerVideo key={id} callId={id} />);
  if (fixes.length === 0) return <>{videos}</>;
  const clock = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'medium' });
  return (
    <section className="panel caller-phone-location" aria-label={t('link.phoneHeading')}>
      <h3>{t('link.phoneHeading')}</h3>
      <ul className="plain-list">
        {fixes.map((f) => (
          <li key={f.id} data-testid="caller-phone-fix">
            {f.location
              ? t('link.phoneFix', {
                  lat: f.location.point.lat.toFixed(5),
                  lon: f.location.point.lon.toFixed(5),
                  m: Math.round(f.location.accuracyM ?? 0),
                  time: clock.format(new Date(f.location.at ?? f.receivedAt)),
                })
              : t('link.phoneNone')}
          </li>
        ))}
      </ul>
      {videos}
    </section>
  );
}
