// What the phone has not been able to send yet (kept and sent in order when the network returns), and what the
// centre refused with its reason.
import type { UnitStatus } from '@hcm112/shared';
import { useT } from '../i18n/i18n.tsx';
import type { OutboxItem, RefusedReport } from './outbox.ts';

function useDescribe() {
  const t = useT();
  return (item: OutboxItem) =>
    item.kind === 'status' ? t(`status.${item.body.status as UnitStatus}`) : t(`crew.outbox.${item.kind}`);
}

export function OutboxList({
  pending,
  refused,
  onDismiss,
}: {
  pending: OutboxItem[];
  refused: RefusedReport[];
  onDismiss: () => void;
}) {
  const t = useT();
  const describe = useDescribe();
  const positions = pending.filter((p) => p.kind === 'position').length;
  const others = pending.filter((p) => p.kind !== 'position');
  return (
    <>
      {refused.length > 0 && (
        <section className="crew-refused" role="alert">
          {refused.map((r) => (
            <p key={r.item.body.key}>
              {t('crew.refusedReport', { what: describe(r.item), reason: r.message })}
            </p>
          ))}
          <button type="button" className="crew-secondary" onClick={onDismiss}>
            {t('crew.dismiss')}
          </button>
        </section>
      )}
      {pending.length > 0 && (
        <section className="crew-outbox" data-testid="crew-outbox">
          <h3>{t('crew.outbox.heading', { count: pending.length })}</h3>
          <ul>
            {others.map((p) => (
              <li key={p.body.key}>
                <time>{new Date(p.body.at).toLocaleTimeString('en-GB')}</time> {describe(p)}
              </li>
            ))}
            {positions > 0 && (
              <li>
                {positions} × {t('crew.outbox.position')}
              </li>
            )}
          </ul>
        </section>
      )}
    </>
  );
}
