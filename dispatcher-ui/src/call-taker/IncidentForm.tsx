// The incident form of an answered call, keyboard first: type-ahead type, priority, gazetteer address, notes;
// Ctrl+Enter creates. Open incidents of the same type nearby are shown first, and the call can be linked to one.
import type { AddressMatch, Call, DuplicateCandidate, Incident } from '@hcm112/shared';
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLang, useT } from '../i18n/i18n.tsx';
import { createIncident, linkCall } from './api.ts';
import { Combobox, type ComboOption } from './Combobox.tsx';
import { DuplicateList } from './DuplicateList.tsx';
import {
  type DraftErrors,
  draftPoint,
  draftRequest,
  emptyDraft,
  hasErrors,
  type IncidentDraft,
  pickKind,
  validateDraft,
} from './incident-draft.ts';
import { CallerIsHere } from './CallerIsHere.tsx';
import { Kbd } from './Kbd.tsx';
import { type PickedPlace, PlacePicker } from '../place/PlacePicker.tsx';
import { searchTaxonomy, type TaxonomyEntry, taxonomyEntries } from './taxonomy-search.ts';
import { useAddressSearch } from './useAddressSearch.ts';
import { useDuplicates } from './useDuplicates.ts';

export const INCIDENT_TYPE_INPUT_ID = 'incident-type';

/** A place put by hand, as the address the draft carries. */
function placedAddress(place: PickedPlace): AddressMatch {
  return {
    label: place.label,
    kind: 'address',
    point: place.point,
    district: null,
    ward: null,
    distanceM: null,
  };
}

export interface IncidentFormProps {
  /** The call in hand; null for an incident opened from a text conversation (linkExisting then links). */
  call: Call | null;
  /** The caller's location in words (reverse geocoded), shown as what an empty address means. */
  callerPlace: string | null;
  onDone: (incident: Incident, how: 'created' | 'linked') => void;
  /** Without a call: attaches what the form was opened from to an open incident the duplicates name. */
  linkExisting?: (incidentId: string) => Promise<Incident>;
}

export function IncidentForm({ call, callerPlace, onDone, linkExisting }: IncidentFormProps) {
  const t = useT();
  const { lang } = useLang();
  const entries = useMemo(() => taxonomyEntries(lang), [lang]);
  const [draft, setDraft] = useState<IncidentDraft>(emptyDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [dupWarned, setDupWarned] = useState(false);
  const [placing, setPlacing] = useState(false);
  const refs = useRef<Record<'type' | 'priority' | 'address' | 'dup', HTMLElement | null>>({
    type: null,
    priority: null,
    address: null,
    dup: null,
  });
  const callerPoint = call?.location?.point ?? null;
  const { matches, notFound } = useAddressSearch(draft.addressText, draft.address === null);
  const duplicates = useDuplicates(draft.kind?.type ?? null, draftPoint(draft, callerPoint));
  const shownErrors = hasErrors(errors) ? validateDraft(draft, callerPoint) : {};
  // The form opens when the call is answered: typing starts at once, in the type field.
  useEffect(() => refs.current.type?.focus(), []);
  // A warning that appears while the form is scrolled is brought into view.
  const anyDuplicates = duplicates.length > 0;
  useEffect(() => {
    if (anyDuplicates) document.getElementById('dup-heading')?.scrollIntoView?.({ block: 'nearest' });
  }, [anyDuplicates]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const found = validateDraft(draft, callerPoint);
    setErrors(found);
    if (hasErrors(found)) {
      const first = found.type ? 'type' : found.priority ? 'priority' : 'address';
      refs.current[first]?.focus();
      return;
    }
    if (duplicates.length > 0 && !dupWarned) {
      setDupWarned(true);
      refs.current.dup?.focus();
      return;
    }
    void run(async () => {
      const { incident } = await createIncident(draftRequest(draft, call?.id));
      onDone(incident, 'created');
    });
  };

  const link = (c: DuplicateCandidate) =>
    void run(async () =>
      onDone(call ? await linkCall(c.incidentId, call.id) : await linkExisting!(c.incidentId), 'linked'),
    );

  const onFormKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  const typeOptions: ComboOption<TaxonomyEntry>[] = searchTaxonomy(
    entries,
    draft.kind ? '' : draft.typeText,
  ).map((e) => ({
    key: `${e.type}/${e.subtype}`,
    label: e.label,
    value: e,
    detail: t('priority.label', { priority: e.priority }),
  }));
  const addressOptions: ComboOption<AddressMatch>[] = matches.map((m, i) => ({
    key: `${i}-${m.label}`,
    label: m.label,
    value: m,
    detail: [m.ward, m.district].filter(Boolean).join(', '),
  }));

  return (
    <form
      className="incident-form"
      aria-labelledby="form-heading"
      onSubmit={submit}
      onKeyDown={onFormKeyDown}
      noValidate
    >
      <h2 id="form-heading">{t('ctForm.heading')}</h2>
      {/* First in the form, so the warning is in view at 1366×768 without scrolling. */}
      <DuplicateList
        candidates={duplicates}
        busy={busy}
        onLink={link}
        firstButtonRef={(el) => {
          refs.current.dup = el;
        }}
      />
      {dupWarned && duplicates.length > 0 ? (
        <p className="notice-box" role="status">
          {t('ctDup.checkFirst')}
        </p>
      ) : null}
      <Combobox
        label={t('ctForm.type')}
        inputId={INCIDENT_TYPE_INPUT_ID}
        inputRef={(el) => {
          refs.current.type = el;
        }}
        text={draft.typeText}
        placeholder={t('ctForm.typePlaceholder')}
        onTextChange={(typeText) => setDraft((d) => ({ ...d, typeText, kind: null }))}
        options={typeOptions}
        onPick={(o) => setDraft((d) => pickKind(d, o.value))}
        error={shownErrors.type && t(shownErrors.type)}
      />
      <div className="field">
        <label htmlFor="incident-priority">{t('ctForm.priority')}</label>
        <input
          id="incident-priority"
          ref={(el) => {
            refs.current.priority = el;
          }}
          type="number"
          inputMode="numeric"
          min={0}
          max={10}
          step={1}
          className="priority-input"
          value={draft.priority}
          aria-invalid={shownErrors.priority ? true : undefined}
          aria-describedby="incident-priority-hint"
          onChange={(e) => setDraft((d) => ({ ...d, priority: e.target.value, priorityTouched: true }))}
        />
        <span id="incident-priority-hint" className="field-hint muted">
          {t('ctForm.priorityHint')}
        </span>
        {shownErrors.priority ? (
          <span className="field-error" role="alert">
            {t(shownErrors.priority)}
          </span>
        ) : null}
      </div>
      <Combobox
        label={t('ctForm.address')}
        inputId="incident-address"
        inputRef={(el) => {
          refs.current.address = el;
        }}
        text={draft.addressText}
        placeholder={callerPoint ? t('ctForm.addressEmptyMeansCaller') : t('ctForm.addressPlaceholder')}
        hint={
          notFound
            ? t('ctForm.addressNotFound', { q: notFound })
            : callerPoint
              ? t('ctForm.callerPlace', { place: callerPlace ?? t('ctForm.callerPoint') })
              : undefined
        }
        onTextChange={(addressText) => setDraft((d) => ({ ...d, addressText, address: null }))}
        options={addressOptions}
        onPick={(o) => setDraft((d) => ({ ...d, address: o.value, addressText: o.label }))}
        error={shownErrors.address && t(shownErrors.address)}
      />
      <div className="field">
        <label htmlFor="incident-note">{t('ctForm.note')}</label>
        <textarea
          id="incident-note"
          rows={3}
          maxLength={4000}
          value={draft.note}
          onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
        />
      </div>
      {/* After the note, so Tab goes from the address to the note as before. */}
      <div className="row place-toggle">
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={placing}
          onClick={() => setPlacing((p) => !p)}
        >
          {t('place.open')}
        </button>
      </div>
      {call && draft.address ? (
        <CallerIsHere
          key={`${draft.address.point.lat},${draft.address.point.lon}`}
          callId={call.id}
          address={draft.address}
        />
      ) : null}
      {placing ? (
        <PlacePicker
          initial={draftPoint(draft, callerPoint)}
          onChange={(place) => {
            if (place) setDraft((d) => ({ ...d, address: placedAddress(place), addressText: place.label }));
          }}
        />
      ) : null}
      {failure ? <ErrorNotice error={failure} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
          {dupWarned && duplicates.length > 0 ? t('ctForm.createAnyway') : t('ctForm.create')}{' '}
          <Kbd keys="Ctrl+Enter" />
        </button>
      </div>
    </form>
  );
}
