// The crews' app: pairing, then the unit's screen: duty, the assignment with its alert, status buttons, and what
// is still waiting to be sent.
import { type UnitStatus, isCommitted } from '@hcm112/shared';
import { useEffect, useState } from 'react';
import { I18nProvider, useLang, useT } from '../i18n/i18n.tsx';
import { UnitStatusBadge } from '../components/badges.tsx';
import { startAlarm, unlockAudio } from './alarm.ts';
import { AssignmentCard, AssignmentDetails } from './AssignmentCard.tsx';
import { forgetCredential, storedCredential } from './device-api.ts';
import { clearReports } from './outbox.ts';
import { OutboxList } from './OutboxList.tsx';
import { PairScreen } from './PairScreen.tsx';
import { StatusButtons } from './StatusButtons.tsx';
import { type Refusal, useCrewLink } from './useCrewLink.ts';
import { useCrewRoute } from './useCrewRoute.ts';
import { useDuty } from './useDuty.ts';

export function CrewApp() {
  return (
    <I18nProvider>
      <CrewGate />
    </I18nProvider>
  );
}

function CrewGate() {
  const t = useT();
  const [credential, setCredential] = useState(storedCredential);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  if (!credential || refusal)
    return (
      <PairScreen
        notice={refusal ? t(`crew.refused.${refusal}`) : undefined}
        onPaired={(c) => {
          setRefusal(null);
          setCredential(c);
        }}
      />
    );
  return (
    <UnitScreen
      key={credential}
      credential={credential}
      onRefused={(why) => {
        forgetCredential();
        void clearReports();
        setRefusal(why);
      }}
    />
  );
}

function UnitScreen({ credential, onRefused }: { credential: string; onRefused: (why: Refusal) => void }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const link = useCrewLink(credential);
  const duty = useDuty(link.view?.settings.positionIntervalSeconds ?? 10, link.report);
  const { view, refusal } = link;

  useEffect(() => {
    if (refusal) onRefused(refusal);
  }, [refusal, onRefused]);

  const unit = view?.unit;
  const incident = view?.incident ?? null;
  const mine = incident?.assignments.find((a) => a.unitId === unit?.id);
  const ackWaiting = link.pending.some((p) => p.kind === 'ack' && p.body.incidentId === incident?.id);
  const acknowledged = Boolean(mine?.acknowledgedAt) || ackWaiting;
  const alerting = Boolean(incident && mine && !acknowledged);

  useEffect(() => (alerting ? startAlarm() : undefined), [alerting]);
  // Re-read on every render (each position report re-renders through the outbox), so the map follows the phone.
  const fix = duty.fix();
  const here = fix ? { lat: fix.lat, lon: fix.lon } : (unit?.position?.point ?? null);
  const route = useCrewRoute(credential, incident && mine ? incident.id : null, here);

  if (!unit) return <p className="splash">{t('app.loading')}</p>;
  // The crew's own last word counts until the server has it: the buttons follow what they pressed.
  const lastPending = link.pending.filter((p) => p.kind === 'status').at(-1);
  const status = (lastPending?.body.status as UnitStatus | undefined) ?? unit.status;
  return (
    <main className={`crew${alerting ? ' crew-alerting' : ''}`}>
      <header className="crew-top">
        <strong className="crew-callsign">{unit.callsign}</strong>
        <UnitStatusBadge status={status} />
        <span className={link.connected ? 'crew-online' : 'crew-offline'} role="status">
          {link.connected ? t('crew.online') : t('crew.offline')}
        </span>
        <button type="button" className="crew-lang" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t('crew.language')}
        </button>
      </header>
      <button
        type="button"
        className={`crew-duty ${duty.onDuty ? 'on' : 'off'}`}
        aria-pressed={duty.onDuty}
        onClick={() => {
          unlockAudio();
          duty.setOnDuty(!duty.onDuty);
        }}
      >
        {duty.onDuty ? `${t('crew.duty.on')} · ${t('crew.duty.end')}` : t('crew.duty.start')}
      </button>
      {duty.geoDenied && <p className="crew-refused">{t('crew.geo.denied')}</p>}
      {incident && mine ? (
        <AssignmentCard
          incident={incident}
          here={here}
          route={route}
          acknowledged={acknowledged}
          report={link.report}
        />
      ) : (
        <p className="crew-idle">{isCommitted(unit.status) ? t('app.loading') : t('crew.noAssignment')}</p>
      )}
      <OutboxList pending={link.pending} refused={link.refused} onDismiss={link.dismissRefused} />
      <StatusButtons credential={credential} status={status} fix={duty.fix} report={link.report} />
      {incident && mine && (
        <AssignmentDetails
          credential={credential}
          incident={incident}
          here={here}
          route={route}
          report={link.report}
        />
      )}
    </main>
  );
}
