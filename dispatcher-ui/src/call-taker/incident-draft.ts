// The incident a call-taker is typing: what is filled in, what is missing or wrong, and the request it becomes.
import type { AddressMatch, CreateIncidentRequest, GeoPoint } from '@hcm112/shared';
import type { TaxonomyEntry } from './taxonomy-search.ts';

export interface IncidentDraft {
  kind: TaxonomyEntry | null;
  typeText: string;
  priority: string;
  /** Set once the call-taker changes the priority: picking another type then no longer overwrites it. */
  priorityTouched: boolean;
  address: AddressMatch | null;
  addressText: string;
  note: string;
}

export const emptyDraft: IncidentDraft = {
  kind: null,
  typeText: '',
  priority: '',
  priorityTouched: false,
  address: null,
  addressText: '',
  note: '',
};

export type DraftErrorKey =
  | 'ctForm.errType'
  | 'ctForm.errPriority'
  | 'ctForm.errAddress'
  | 'ctForm.errNoLocation';

export interface DraftErrors {
  type?: DraftErrorKey;
  priority?: DraftErrorKey;
  address?: DraftErrorKey;
}

export function validateDraft(draft: IncidentDraft, callerPoint: GeoPoint | null): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.kind) errors.type = 'ctForm.errType';
  const p = Number(draft.priority);
  if (draft.priority.trim() === '' || !Number.isInteger(p) || p < 0 || p > 10)
    errors.priority = 'ctForm.errPriority';
  if (draft.addressText.trim() !== '' && !draft.address) errors.address = 'ctForm.errAddress';
  else if (!draft.address && !callerPoint) errors.address = 'ctForm.errNoLocation';
  return errors;
}

export function hasErrors(errors: DraftErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** Where the incident is: the address picked, else the caller's location. */
export function draftPoint(draft: IncidentDraft, callerPoint: GeoPoint | null): GeoPoint | null {
  return draft.address?.point ?? callerPoint;
}

/** The request for a valid draft; without a picked address the server takes the call's own location. */
export function draftRequest(draft: IncidentDraft, callId?: string): CreateIncidentRequest {
  if (!draft.kind) throw new Error('draftRequest on an invalid draft');
  const note = draft.note.trim();
  return {
    type: draft.kind.type,
    subtype: draft.kind.subtype,
    priority: Number(draft.priority),
    ...(callId && { callId }),
    ...(draft.address && { location: { point: draft.address.point, address: draft.address.label } }),
    ...(note && { note }),
  };
}

/** Picks a type; its default priority fills the priority unless the call-taker set one. */
export function pickKind(draft: IncidentDraft, kind: TaxonomyEntry): IncidentDraft {
  return {
    ...draft,
    kind,
    typeText: kind.label,
    priority: draft.priorityTouched ? draft.priority : String(kind.priority),
  };
}
