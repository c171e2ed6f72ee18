// The call in hand: who and where, Answer (the softphone picks up and the form opens; with a desk phone, picking it
// up opens it), Hang up, mute and hold, and the incident form once answered. It stays after the caller hangs up,
// so the incident can still be finished; Close clears it.
import type { Call, Incident, PhoneMode } from '@hcm112/shared';
import { type ReactNode, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useT } from '../i18n/i18n.tsx';
import { linkCall } from './api.ts';
import { CallerVideo } from '../caller-link/CallerVideo.tsx';
import { SendLinkButton } from '../caller-link/SendLinkButton.tsx';
import { CallerDetails } from './CallerDetails.tsx';
import { IncidentForm } from './IncidentForm.tsx';
import { Kbd } from './Kbd.tsx';
import { SoftphoneNoCall } from './phone/softphone-errors.ts';
import { useCallerPlace } from './useCallerFacts.ts';

export interface CallOutcome {
  incident: Incident;
  how: 'created' | 'linked';
}

export interface CallPanelProps {
  call: Call;
  userId: string;
  accepted: boolean;
  phoneMode: PhoneMode;
  /** Mute and hold of the softphone's call, beside Hang up, and the line saying either is on. */
  phoneButtons?: ReactNode;
  phoneNotice?: ReactNode;
  /** Handing the caller on (agencies, conference) while the call is answered at the softphone. */
  handOver?: ReactNode;
  /** Instant recall: its button among the actions, its player under the head. */
  replayButton?: ReactNode;
  replayPlayer?: ReactNode;
  outcome: CallOutcome | null;
  busy: boolean;
  error: unknown;
  onAnswer: () => void;
  onHangUp: () => void;
  onClose: () => void;
  onDone: (outcome: CallOutcome) => void;
}

/** The call is still this call-taker's to work: ringing at their phone or answered on it. */
export function isCallInHand(call: Call, userId: string): boolean {
  return (call.state === 'ringing-agent' || call.state === 'answered') && call.agentUserId === userId;
}

export function CallPanel(props: CallPanelProps) {
  const { call, accepted, outcome, busy, error } = props;
  const t = useT();
  const place = useCallerPlace(call.location);
  const live = isCallInHand(call, props.userId);
  // With a desk phone the form opens when it is picked up; the button shows only to retry a claim that failed.
  const answerable =
    props.phoneMode === 'softphone'
      ? call.state === 'answered' || call.state === 'ringing-agent'
      : call.state === 'answered' && error !== null;
  const canAnswer = !accepted && answerable;
  const [linkError, setLinkError] = useState<unknown>(null);
  return (
    <section className="call-panel" aria-labelledby="call-heading" data-call-id={call.id}>
      <div className="call-head">
        <h2 id="call-heading">{live ? t('calltaker.currentCall') : t('calltaker.callEnded')}</h2>
        <div className="call-actions">
          {canAnswer ? (
            <button
              type="button"
              className="btn btn-primary btn-large"
              disabled={busy}
              onClick={props.onAnswer}
            >
              <span aria-hidden="true">✆ </span>
              {t('calltaker.answer')} <Kbd keys="Alt+A" />
            </button>
          ) : null}
          {accepted && call.state === 'answered' ? (
            <button
              type="button"
              className="btn btn-danger btn-large"
              disabled={busy}
              onClick={props.onHangUp}
            >
              <span aria-hidden="true">✕ </span>
              {t('calltaker.hangUp')} <Kbd keys="Alt+H" />
            </button>
          ) : null}
          {accepted && call.state === 'answered' ? props.phoneButtons : null}
          {props.replayButton}
          {!live ? (
            <button type="button" className="btn btn-large" onClick={props.onClose}>
              {t('calltaker.close')} <Kbd keys="Alt+X" />
            </button>
          ) : null}
        </div>
      </div>
      {accepted && call.state === 'answered' ? props.phoneNotice : null}
      {accepted && call.state === 'answered' ? props.handOver : null}
      {accepted && live && call.state === 'answered' ? (
        <SendLinkButton key={`link-${call.id}`} callId={call.id} />
      ) : null}
      {accepted && live ? <CallerVideo key={`video-${call.id}`} callId={call.id} /> : null}
      {props.replayPlayer}
      {!live && call.endedBy === 'caller' ? (
        <p className="notice-box" role="status">
          {t('calltaker.callerHungUp')}
        </p>
      ) : null}
      {error instanceof SoftphoneNoCall ? (
        <p className="alert-box" role="alert">
          {t('phone.noSession')}
        </p>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
      {linkError ? <ErrorNotice error={linkError} /> : null}
      <div className="call-body">
        <CallerDetails
          call={call}
          place={place}
          canPlace={accepted && live}
          onLinkIncident={
            accepted && !outcome && !call.incidentId
              ? (incident) =>
                  void linkCall(incident.id, call.id).then(
                    (linked) => props.onDone({ incident: linked, how: 'linked' }),
                    (err: unknown) => setLinkError(err),
                  )
              : undefined
          }
        />
        <div className="call-work">
          {outcome ? (
            <div className="outcome" role="status" data-testid="incident-outcome">
              <span aria-hidden="true">✓ </span>
              {t(outcome.how === 'created' ? 'calltaker.incidentCreated' : 'calltaker.incidentLinked', {
                number: outcome.incident.number,
              })}
              {!outcome.incident.location.ward && !outcome.incident.location.district ? (
                <p className="warn-line" role="alert" data-testid="incident-outside-city">
                  <span aria-hidden="true">⚠ </span>
                  {t('incident.outsideCity')}
                </p>
              ) : null}
            </div>
          ) : accepted ? (
            <IncidentForm
              call={call}
              callerPlace={place?.label ?? null}
              onDone={(incident, how) => props.onDone({ incident, how })}
            />
          ) : (
            <p className="muted answer-first">
              {t(props.phoneMode === 'desk' ? 'phone.deskHint' : 'calltaker.answerFirst')}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
