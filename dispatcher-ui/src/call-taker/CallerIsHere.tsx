// "The caller is here": the address typed or the place picked in the incident form, recorded as where the caller
// is in the call's history (an incident's address is not always where its caller stands, so it is asked for).
import type { AddressMatch } from '@hcm112/shared';
import { useT } from '../i18n/i18n.tsx';
import { RecordedNotice, useRecordLocation } from './useRecordLocation.tsx';

export function CallerIsHere({ callId, address }: { callId: string; address: AddressMatch }) {
  const t = useT();
  const { state, record } = useRecordLocation(callId);
  return (
    <div className="caller-is-here">
      <button
        type="button"
        className="btn btn-small"
        disabled={state.phase === 'saving'}
        onClick={() => record('manual', address.point)}
      >
        {t('ctForm.callerIsHere')}
      </button>
      <RecordedNotice state={state} />
    </div>
  );
}
