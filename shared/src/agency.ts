// The three responding agencies and the short numbers that reach them.
import { z } from 'zod';

export const Agency = z.enum(['police', 'fire', 'ambulance']);
export type Agency = z.infer<typeof Agency>;

/** 112 is the general number; 113/114/115 are the legacy agency numbers mapped onto the same intake. */
export const ServiceNumber = z.enum(['112', '113', '114', '115']);
export type ServiceNumber = z.infer<typeof ServiceNumber>;

export const SERVICE_AGENCY: Readonly<Record<ServiceNumber, Agency | null>> = Object.freeze({
  '112': null,
  '113': 'police',
  '114': 'fire',
  '115': 'ambulance',
});

export const AGENCY_LABEL: Readonly<Record<Agency, { en: string; vi: string; number: ServiceNumber }>> =
  Object.freeze({
    police: { en: 'Police', vi: 'Công an', number: '113' },
    fire: { en: 'Fire & Rescue', vi: 'Cứu hỏa - Cứu nạn', number: '114' },
    ambulance: { en: 'Ambulance', vi: 'Cấp cứu', number: '115' },
  });
