// Hospitals as ambulance destinations: what each can treat (configured by the centre), whether it is diverting
// ambulances, and whether a person has confirmed an imported record.
import { z } from 'zod';
import { GeoPoint } from './geo.ts';

export const HospitalCapability = z.enum([
  'emergency',
  'trauma',
  'paediatrics',
  'burns',
  'obstetrics',
  'stroke',
]);
export type HospitalCapability = z.infer<typeof HospitalCapability>;

export const HOSPITAL_CAPABILITY_LABELS: Readonly<Record<HospitalCapability, { en: string; vi: string }>> = {
  emergency: { en: 'Emergency department', vi: 'Cấp cứu' },
  trauma: { en: 'Trauma', vi: 'Chấn thương' },
  paediatrics: { en: 'Paediatrics', vi: 'Nhi' },
  burns: { en: 'Burns', vi: 'Bỏng' },
  obstetrics: { en: 'Obstetrics', vi: 'Sản' },
  stroke: { en: 'Stroke', vi: 'Đột quỵ' },
};

export const Hospital = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  point: GeoPoint,
  ward: z.string().nullable(),
  capabilities: z.array(HospitalCapability),
  /** Asking ambulances to go elsewhere (full, closed department): never chosen as a destination. */
  diverting: z.boolean(),
  /** Imported records stay unverified until someone at the centre confirms them. */
  verified: z.boolean(),
  source: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Hospital = z.infer<typeof Hospital>;

export const UpdateHospitalRequest = z
  .object({
    capabilities: z.array(HospitalCapability).max(6).optional(),
    diverting: z.boolean().optional(),
    verified: z.boolean().optional(),
    /** The version the editor saw: a stale edit is refused with 409 instead of overwriting another's. */
    version: z.number().int().nonnegative(),
  })
  .strict();
export type UpdateHospitalRequest = z.infer<typeof UpdateHospitalRequest>;

/** What a patient needs from the destination, by incident subtype first, then by type. */
const NEED_OF_SUBTYPE: Readonly<Record<string, HospitalCapability>> = {
  'serious-injury': 'trauma',
  stroke: 'stroke',
  childbirth: 'obstetrics',
};
const NEED_OF_TYPE: Readonly<Record<string, HospitalCapability>> = { fire: 'burns', traffic: 'trauma' };

export function patientNeed(
  type: string | null | undefined,
  subtype: string | null | undefined,
): HospitalCapability {
  return (subtype && NEED_OF_SUBTYPE[subtype]) || (type && NEED_OF_TYPE[type]) || 'emergency';
}
