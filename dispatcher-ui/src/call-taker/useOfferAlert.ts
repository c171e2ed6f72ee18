// Makes an offered call impossible to miss: the ring tone on the chosen output device, the tab title
// flashing, and a desktop notification when the console is not in front. All stop when the ringing does.
import type { CallTakerStatus } from '@hcm112/shared';
import { useEffect } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { ringer } from './ringer.ts';

const FLASH_MS = 1000;

/** Asks once for desktop notifications; called from the ready click, a user gesture browsers require. */
export function askNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

export function useOfferAlert(me: CallTakerStatus | undefined): void {
  const t = useT();
  const ringing = me?.state === 'ringing';
  const title = t('availability.incoming');
  const body = t('availability.incomingBody');
  useEffect(() => {
    if (!ringing) return;
    ringer.start();
    const original = document.title;
    let flashed = false;
    const flash = setInterval(() => {
      flashed = !flashed;
      document.title = flashed ? title : original;
    }, FLASH_MS);
    document.title = title;
    flashed = true;
    const notification = document.hidden ? notify(title, body) : null;
    return () => {
      ringer.stop();
      clearInterval(flash);
      document.title = original;
      notification?.close();
    };
  }, [ringing, title, body]);
}

function notify(title: string, body: string): Notification | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  const notification = new Notification(title, { body, tag: 'e112-offer', requireInteraction: true });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
  return notification;
}
