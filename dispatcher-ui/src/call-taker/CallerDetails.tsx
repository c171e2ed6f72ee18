// Who is calling and from where: number, the service they dialled, the location with its accuracy on a small
// map, and their earlier calls to the centre.
import {
  AGENCY_LABEL,
  type Call,
  type CallerLocation,
  type Incident,
  nationalForm,
  SERVICE_AGENCY,
} from '@hcm112/shared';
import { CallStateBadge } from '../components/badges.tsx';
import { useNow } from '../components/useNow.ts';
import { formatWhen } from '../i18n/dates.ts';
import { formatDuration } from '../i18n/durations.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { CallerMap } from './CallerMap.tsx';
import { EarlierIncident } from './EarlierIncident.tsx';
import { LocationHistory } from './LocationHistory.tsx';
import { LocationMethod } from './location-method.tsx';
import { RefreshLocation } from './RefreshLocation.tsx';
import { useCallLocations } from './useCallLocations.ts';
import { type CallerPlace, useEarlierCalls } from './useCallerFacts.ts';
import { RecordedNotice, useRecordLocation } from './useRecordLocation.tsx';

/** The number dialled and the service it stands for; `compact` (the queue) names the service on hover only. */
export function ServiceLabel({ service, compact = false }: { service: Call['service']; compact?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const agency = SERVICE_AGENCY[service];
  const name = agency ? AGENCY_LABEL[agency][lang] : t('calltaker.general');
  return (
    <span className={`service service-${service}`} title={compact ? name : undefined}>
      <strong className="mono">{service}</strong> {compact ? <span className="sr-only">{name}</span> : name}
    </span>
  );
}

function formatTime(lang: string, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** How long ago the location was determined, ticking: a time of day alone needs arithmetic at 3 a.m. */
function FixAge({ at }: { at: string }) {
  const t = useT();
  const now = useNow(1000);
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  return <span className="fix-age">({t('calltaker.fixAgo', { age: formatDuration(t, seconds) })})</span>;
}

/** Sphere and ellipsoid: the height and its uncertainty; prism: from its base to its top. */
function Height({ shape }: { shape: CallerLocation['shape'] }) {
  const t = useT();
  if (!shape || shape.altitudeM === null) return null;
  const alt = Math.round(shape.altitudeM);
  const v = shape.verticalM === null ? null : Math.round(shape.verticalM);
  const text =
    v === null
      ? t('calltaker.heightOnly', { alt })
      : shape.kind === 'prism'
        ? t('calltaker.heightRange', { low: alt, high: alt + v })
        : t('calltaker.height', { alt, v });
  return <span data-testid="caller-height">{` · ${text}`}</span>;
}

export function CallerDetails({
  call,
  place,
  canPlace,
  onLinkIncident,
}: {
  call: Call;
  /** The reverse-geocoded place of the caller's location; null until known. */
  place: CallerPlace | null;
  /** The call is in this call-taker's hands: they may place the caller and ask the carrier again. */
  canPlace: boolean;
  /** Links the call in hand to an earlier caller's incident; left out when the call may not be linked now. */
  onLinkIncident?: (incident: Incident) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const earlier = useEarlierCalls(call);
  const locations = useCallLocations(call);
  const pin = useRecordLocation(call.id);
  const location = call.location;
  // The ward the database placed the call in; the geocoder's while the call's own is not written yet.
  const ward = call.ward ?? place?.ward ?? null;
  const outsideCity = location !== null && !call.ward && place?.outsideCity === true;
  return (
    <div className="caller">
      <dl className="caller-facts">
        <div>
          <dt>{t('calltaker.caller')}</dt>
          <dd className="caller-number mono" data-testid="caller-number">
            {call.callerNumber ? nationalForm(call.callerNumber) : t('calltaker.withheld')}
          </dd>
          <dd className="caller-identity muted" data-testid="caller-identity">
            {t(`calltaker.identity.${call.callerIdentity}`)}
          </dd>
          {call.callerPrivacy ? (
            <dd className="notice-inline caller-privacy" data-testid="caller-privacy">
              <span aria-hidden="true">🔒 </span>
              {t('calltaker.privacy')}
            </dd>
          ) : null}
        </div>
        <div>
          <dt>{t('calltaker.service')}</dt>
          <dd>
            <ServiceLabel service={call.service} />
          </dd>
        </div>
        <div>
          <dt>{t('calltaker.state')}</dt>
          <dd>
            <CallStateBadge state={call.state} />
          </dd>
        </div>
        <div className="caller-where">
          <dt>{t('calltaker.location')}</dt>
          <dd>
            {location ? (
              <>
                <strong className="caller-place">{place?.label ?? t('calltaker.nearPoint')}</strong>
                {ward && !place?.label?.includes(ward) ? (
                  <span className="caller-ward" data-testid="caller-ward">
                    {ward}
                  </span>
                ) : null}
                {/* The radius first and large: at a glance, how far from the dot the caller may be. */}
                <span className="caller-accuracy" data-testid="caller-accuracy">
                  {location.accuracyM !== null
                    ? t('calltaker.accuracy', { m: Math.round(location.accuracyM) })
                    : t('calltaker.noAccuracy')}
                </span>
                <span className="muted caller-fix">
                  {t(`calltaker.source.${location.source}`)}
                  {location.shape ? ` · ${t(`calltaker.shape.${location.shape.kind}`)}` : ''}
                  <Height shape={location.shape} />
                  <LocationMethod method={location.method} />
                  {location.at ? (
                    <>
                      {' · '}
                      {t('calltaker.fixAt', { time: formatTime(lang, location.at) })}{' '}
                      <FixAge at={location.at} />
                    </>
                  ) : null}
                </span>
              </>
            ) : (
              <span className="notice-inline">
                <span aria-hidden="true">⚠ </span>
                {t('calltaker.noLocation')}
              </span>
            )}
          </dd>
          {outsideCity ? (
            <dd className="warn-line caller-outside-city" role="alert" data-testid="caller-outside-city">
              <span aria-hidden="true">⚠ </span>
              {t('incident.outsideCity')}
            </dd>
          ) : null}
        </div>
      </dl>
      {canPlace && call.locationByReference ? (
        <RefreshLocation key={call.id} callId={call.id} locations={locations} />
      ) : null}
      {location ? (
        <CallerMap
          location={location}
          onPlace={canPlace ? (point) => pin.record('pin', point) : undefined}
          placing={pin.state.phase === 'saving'}
        />
      ) : null}
      <RecordedNotice state={pin.state} />
      <LocationHistory history={locations.history} />
      <h3>{t('calltaker.earlierCalls')}</h3>
      {earlier === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : earlier.length === 0 ? (
        <p className="empty">{t('calltaker.noEarlierCalls')}</p>
      ) : (
        <ul className="plain-list earlier-calls">
          {earlier.slice(0, 5).map((c) => (
            <li key={c.id} className="row">
              <span className="mono">{formatWhen(lang, c.arrivedAt)}</span>
              <ServiceLabel service={c.service} />
              <CallStateBadge state={c.state} />
              {c.incidentId ? <EarlierIncident incidentId={c.incidentId} onLink={onLinkIncident} /> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
