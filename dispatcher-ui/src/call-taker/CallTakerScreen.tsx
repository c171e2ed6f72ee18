// Call-taker console: ready / not ready, the live queue, the call in hand with its incident form, and today's
// abandoned calls to call back. Everything has a keyboard shortcut, listed on screen.
import './call-taker.css';
import { useMemo } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useNow } from '../components/useNow.ts';
import { useT } from '../i18n/i18n.tsx';
import { waitingCalls } from '../realtime/reducers/calls.ts';
import { useUser } from '../session/SessionProvider.tsx';
import { AbandonedList } from './AbandonedList.tsx';
import { CallPanel } from './CallPanel.tsx';
import { INCIDENT_TYPE_INPUT_ID } from './IncidentForm.tsx';
import { QueueTable } from './QueueTable.tsx';
import { ReadyToggle } from './ReadyToggle.tsx';
import { useCallTakerDesk } from './useCallTakerDesk.ts';
import { useShortcuts } from './useShortcuts.ts';

const SHORTCUTS = [
  ['Alt+R', 'calltaker.keyReady'],
  ['Alt+A', 'calltaker.keyAnswer'],
  ['Alt+I', 'calltaker.keyForm'],
  ['Ctrl+Enter', 'calltaker.keyCreate'],
  ['Alt+H', 'calltaker.keyHangUp'],
  ['Alt+X', 'calltaker.keyClose'],
] as const;

export function CallTakerScreen() {
  const t = useT();
  const user = useUser();
  const now = useNow();
  const desk = useCallTakerDesk(user.id);
  const queue = waitingCalls(desk.live.state);
  const abandonedNow = useMemo(
    () => Object.values(desk.live.state.calls).filter((c) => c.state === 'abandoned' && !c.callbackAt).length,
    [desk.live.state.calls],
  );
  useShortcuts({
    r: desk.toggleReady,
    a: desk.answer,
    h: desk.hangUp,
    x: desk.close,
    i: () => document.getElementById(INCIDENT_TYPE_INPUT_ID)?.focus(),
  });
  return (
    <section className="screen calltaker" aria-labelledby="ct-heading">
      <h1 id="ct-heading" className="sr-only">
        {t('calltaker.heading')}
      </h1>
      <div className="ct-side">
        <ReadyToggle me={desk.me} busy={desk.busy} error={desk.readyError} onToggle={desk.toggleReady} />
        {desk.live.error ? <ErrorNotice error={desk.live.error} onRetry={desk.live.reload} /> : null}
        <section aria-labelledby="queue-heading" className="ct-queue">
          <h2 id="queue-heading">
            {t('calltaker.queue')} <span className="count">{queue.length}</span>
          </h2>
          <QueueTable calls={queue} now={now} clockOffsetMs={desk.clockOffsetMs} myUserId={user.id} />
        </section>
        <AbandonedList changes={abandonedNow} />
        <section aria-labelledby="keys-heading" className="shortcuts">
          <h2 id="keys-heading">{t('calltaker.shortcuts')}</h2>
          <dl>
            {SHORTCUTS.map(([keys, label]) => (
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
        {desk.working ? (
          <CallPanel
            call={desk.working}
            userId={user.id}
            accepted={desk.accepted}
            outcome={desk.outcome}
            busy={desk.busy}
            error={desk.error}
            onAnswer={desk.answer}
            onHangUp={desk.hangUp}
            onClose={desk.close}
            onDone={desk.done}
          />
        ) : (
          <div className="no-call">
            <p className="no-call-text">{t('calltaker.noCall')}</p>
          </div>
        )}
      </div>
    </section>
  );
}
