// Call-taker console: ready / not ready, the live queue, the call in hand with its incident form, and today's
// abandoned calls to call back, and the phone (console softphone or desk phone). Everything has a keyboard shortcut,
// listed on screen.
import './call-taker.css';
import { useEffect, useMemo } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useNow } from '../components/useNow.ts';
import { useT } from '../i18n/i18n.tsx';
import { waitingCalls } from '../realtime/reducers/calls.ts';
import { useUser } from '../session/SessionProvider.tsx';
import { AbandonedList } from './AbandonedList.tsx';
import { ReasonNotice, WrapUpCountdown } from './Availability.tsx';
import { CallPanel, isCallInHand } from './CallPanel.tsx';
import { INCIDENT_TYPE_INPUT_ID } from './IncidentForm.tsx';
import { CallPhoneButtons, CallPhoneNotice } from './phone/CallPhoneButtons.tsx';
import { InstantReplayButton, InstantReplayPlayer } from './phone/InstantReplay.tsx';
import { OutputDeviceContext } from './phone/output-device.tsx';
import { PhoneControls, RegistrationBadge, readyBlockerText } from './phone/PhoneControls.tsx';
import { HandOverPanel } from './phone/HandOverPanel.tsx';
import { RemoteAudio } from './phone/RemoteAudio.tsx';
import { useCallsOut } from './phone/useCallsOut.ts';
import { useInstantRecall } from './phone/useInstantRecall.ts';
import { usePhone } from './phone/usePhone.ts';
import { MyIncidents } from './MyIncidents.tsx';
import { QueueTable } from './QueueTable.tsx';
import { ReadyToggle } from './ReadyToggle.tsx';
import { ringer } from './ringer.ts';
import { useCallTakerDesk } from './useCallTakerDesk.ts';
import { useEndWrapUp } from './useEndWrapUp.ts';
import { askNotificationPermission, useOfferAlert } from './useOfferAlert.ts';
import { useShortcuts } from './useShortcuts.ts';
import { TextConversation } from '../text112/TextConversation.tsx';
import { TextOffer } from '../text112/TextOffer.tsx';
import { TextSessionList } from '../text112/TextSessionList.tsx';
import { useTextDesk } from '../text112/useTextDesk.ts';

const SHORTCUTS = [
  ['Alt+R', 'calltaker.keyReady'],
  ['Alt+A', 'calltaker.keyAnswer'],
  ['Alt+I', 'calltaker.keyForm'],
  ['Ctrl+Enter', 'calltaker.keyCreate'],
  ['Alt+H', 'calltaker.keyHangUp'],
  ['Alt+X', 'calltaker.keyClose'],
  ['Alt+L', 'refresh.key'],
  ['Alt+P', 'recall.key'],
  ['Alt+W', 'availability.keyEndWrapUp'],
] as const;

const SOFTPHONE_SHORTCUTS = [
  ['Alt+M', 'phone.keyMute'],
  ['Alt+O', 'phone.keyHold'],
] as const;

export function CallTakerScreen() {
  const t = useT();
  const user = useUser();
  const now = useNow();
  const phone = usePhone(user.id);
  const desk = useCallTakerDesk(user.id, phone);
  const callsOut = useCallsOut(phone);
  const shortcuts = phone.mode === 'softphone' ? [...SHORTCUTS, ...SOFTPHONE_SHORTCUTS] : SHORTCUTS;
  const mic = phone.microphone;
  const queue = waitingCalls(desk.live.state);
  const abandonedNow = useMemo(
    () => Object.values(desk.live.state.calls).filter((c) => c.state === 'abandoned' && !c.callbackAt).length,
    [desk.live.state.calls],
  );
  const wrapUp = useEndWrapUp(desk.me, desk.live.update);
  const text = useTextDesk();
  // The text session the ACD offers this call-taker now: its call row rings here, the session says what it is.
  const offeredTextCall = useMemo(
    () =>
      Object.values(desk.live.state.calls).find(
        (c) => c.channel === 'text' && c.state === 'ringing-agent' && c.agentUserId === user.id,
      ),
    [desk.live.state.calls, user.id],
  );
  const textOffer = offeredTextCall
    ? Object.values(text.texts.state.sessions).find(
        (s) => s.callId === offeredTextCall.id && s.state === 'queued',
      )
    : undefined;
  const answer = () => (textOffer ? text.take(textOffer.id) : desk.answer());
  const recall = useInstantRecall(phone, desk.working, user.id);
  useOfferAlert(desk.me);
  // The ringer follows the softphone's chosen speaker; a desk phone rings by itself, the console on the default.
  const speakerId = phone.mode === 'softphone' ? mic.speakerId : null;
  useEffect(() => {
    ringer.setOutputDevice(speakerId ?? undefined);
  }, [speakerId]);
  // The ready click is the user gesture that lets the console ring and notify later.
  const toggleReady = () => {
    ringer.prime();
    askNotificationPermission();
    desk.toggleReady();
  };
  useShortcuts({
    r: toggleReady,
    w: wrapUp.end,
    a: answer,
    h: desk.hangUp,
    x: desk.close,
    m: desk.toggleMute,
    o: desk.toggleHold,
    p: () => void recall.start(),
    i: () => document.getElementById(INCIDENT_TYPE_INPUT_ID)?.focus(),
  });
  return (
    <OutputDeviceContext.Provider value={phone.mode === 'softphone' ? mic.speakerId : null}>
      <section className="screen calltaker" aria-labelledby="ct-heading">
        <h1 id="ct-heading" className="sr-only">
          {t('calltaker.heading')}
        </h1>
        <div className="ct-side">
          <ReadyToggle
            me={desk.me}
            busy={desk.busy}
            error={desk.readyError}
            blocker={phone.readyBlocker ? readyBlockerText(t, phone.readyBlocker) : null}
            phoneState={
              phone.mode === 'softphone' ? (
                <RegistrationBadge registration={phone.softphone.registration} />
              ) : null
            }
            onToggle={toggleReady}
          />
          <ReasonNotice me={desk.me} />
          <WrapUpCountdown
            me={desk.me}
            serverNow={now + desk.clockOffsetMs}
            busy={wrapUp.busy}
            error={wrapUp.error}
            onEnd={wrapUp.end}
          />
          {desk.live.error ? <ErrorNotice error={desk.live.error} onRetry={desk.live.reload} /> : null}
          <section aria-labelledby="queue-heading" className="ct-queue">
            <h2 id="queue-heading">
              {t('calltaker.queue')} <span className="count">{queue.length}</span>
            </h2>
            <QueueTable calls={queue} now={now} clockOffsetMs={desk.clockOffsetMs} myUserId={user.id} />
          </section>
          <TextSessionList
            state={text.texts.state}
            myUserId={user.id}
            openId={text.openId}
            offeredId={textOffer?.id ?? null}
            busy={text.busy}
            onTake={text.take}
            onDecline={text.decline}
            onOpen={text.setOpenId}
          />
          <MyIncidents userId={user.id} />
          <AbandonedList changes={abandonedNow} callsOut={callsOut.callbackOn ? callsOut : undefined} />
          <PhoneControls
            mode={phone.mode}
            locked={desk.working !== undefined && isCallInHand(desk.working, user.id)}
            registration={phone.softphone.registration}
            cause={phone.softphone.cause}
            microphone={mic.state}
            devices={mic.devices}
            microphoneId={mic.microphoneId}
            speakerId={mic.speakerId}
            onMode={phone.setMode}
            onMicrophone={mic.chooseMicrophone}
            onSpeaker={mic.chooseSpeaker}
          />
          <section aria-labelledby="keys-heading" className="shortcuts">
            <h2 id="keys-heading">{t('calltaker.shortcuts')}</h2>
            <dl>
              {shortcuts.map(([keys, label]) => (
                <div key={keys}>
                  <dt>
                    <kbd className="kbd">{keys}</kbd>
                  </dt>
                  <dd>{t(label)}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
        <div className="ct-main">
          {textOffer && !text.open ? (
            <TextOffer
              session={textOffer}
              messages={text.texts.state.messages[textOffer.id] ?? []}
              busy={text.busy}
              onAccept={() => text.take(textOffer.id)}
              onDecline={() => text.decline(textOffer.id)}
            />
          ) : null}
          {text.open ? (
            <TextConversation
              session={text.open}
              messages={text.texts.state.messages[text.open.id] ?? []}
              busy={text.busy}
              error={text.error}
              onReply={text.reply}
              onEnd={text.end}
            />
          ) : null}
          {desk.working ? (
            <CallPanel
              call={desk.working}
              userId={user.id}
              accepted={desk.accepted}
              phoneMode={phone.mode}
              phoneNotice={<CallPhoneNotice call={desk.softphoneCall} />}
              phoneButtons={
                <CallPhoneButtons
                  call={desk.softphoneCall}
                  onMute={desk.toggleMute}
                  onHold={desk.toggleHold}
                />
              }
              handOver={
                phone.mode === 'softphone' && desk.softphoneCall ? (
                  <HandOverPanel
                    destinations={callsOut.destinations}
                    out={callsOut.current(desk.working.id)}
                    failure={callsOut.failure}
                    onDial={(key) => {
                      if (desk.working) void callsOut.dial(desk.working.id, desk.working.sipCallId, key);
                    }}
                    onJoin={callsOut.join}
                    onWithdraw={callsOut.setWithdrawn}
                    onDrop={callsOut.drop}
                  />
                ) : null
              }
              replayButton={<InstantReplayButton recall={recall} />}
              replayPlayer={<InstantReplayPlayer recall={recall} speakerId={speakerId} />}
              outcome={desk.outcome}
              busy={desk.busy}
              error={desk.error}
              onAnswer={desk.answer}
              onHangUp={desk.hangUp}
              onClose={desk.close}
              onDone={desk.done}
            />
          ) : text.open || textOffer ? null : (
            <div className="no-call">
              <p className="no-call-text">{t('calltaker.noCall')}</p>
            </div>
          )}
        </div>
        <RemoteAudio stream={phone.softphone.remoteStream} speakerId={mic.speakerId} />
      </section>
    </OutputDeviceContext.Provider>
  );
}
