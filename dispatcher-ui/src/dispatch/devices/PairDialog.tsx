// The one-time pairing code for a unit's device, as text to type and as a QR code the phone's camera opens.
import type { PairingCode } from '@hcm112/shared';
import { QRCodeSVG } from 'qrcode.react';
import { useT } from '../../i18n/i18n.tsx';

export function pairingUrl(code: string): string {
  return `${location.origin}/crew/?pair=${code}`;
}

export function PairDialog({ pairing, onClose }: { pairing: PairingCode; onClose: () => void }) {
  const t = useT();
  const shown = `${pairing.code.slice(0, 4)}-${pairing.code.slice(4)}`;
  return (
    <div className="pair-dialog" role="dialog" aria-modal="true" aria-labelledby="pair-title">
      <h2 id="pair-title">{t('devices.pairFor', { callsign: pairing.callsign })}</h2>
      <p className="pair-code mono" data-testid="pairing-code">
        {shown}
      </p>
      <div className="pair-qr">
        <QRCodeSVG value={pairingUrl(pairing.code)} size={220} marginSize={2} title={shown} />
      </div>
      <p>
        {t('devices.pairHelp', {
          url: `${location.origin}/crew/`,
          time: new Date(pairing.expiresAt).toLocaleTimeString(),
        })}
      </p>
      <button type="button" className="btn" onClick={onClose}>
        {t('devices.close')}
      </button>
    </div>
  );
}
