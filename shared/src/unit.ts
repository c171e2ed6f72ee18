// Response units, their kinds and capabilities, and the stations they are based at.
import { z } from 'zod';
import { Agency } from './agency.ts';
import { GeoPoint } from './geo.ts';
import { UnitStatus } from './unit-status.ts';

export const UnitKind = z.enum([
  'fire-engine',
  'ladder-truck',
  'rescue-truck',
  'hazmat-truck',
  'rescue-boat',
  'ambulance-als',
  'ambulance-bls',
  'police-patrol',
  'police-motorbike',
  'traffic-police',
]);
export type UnitKind = z.infer<typeof UnitKind>;

export const Capability = z.enum([
  'fire-suppression',
  'aerial-ladder',
  'technical-rescue',
  'hazmat',
  'water-rescue',
  'advanced-life-support',
  'basic-life-support',
  'law-enforcement',
  'traffic-control',
]);
export type Capability = z.infer<typeof Capability>;

export const UNIT_KIND_INFO: Readonly<
  Record<UnitKind, { agency: Agency; capabilities: readonly Capability[]; en: string; vi: string }>
> = Object.freeze({
  'fire-engine': {
    agency: 'fire',
    capabilities: ['fire-suppression', 'basic-life-support'],
    en: 'Fire engine',
    vi: 'Xe chữa cháy',
  },
  'ladder-truck': {
    agency: 'fire',
    capabilities: ['fire-suppression', 'aerial-ladder', 'technical-rescue'],
    en: 'Ladder truck',
    vi: 'Xe thang',
  },
  'rescue-truck': {
    agency: 'fire',
    capabilities: ['technical-rescue', 'basic-life-support'],
    en: 'Rescue truck',
    vi: 'Xe cứu nạn',
  },
  'hazmat-truck': { agency: 'fire', capabilities: ['hazmat'], en: 'Hazmat truck', vi: 'Xe hóa chất' },
  'rescue-boat': { agency: 'fire', capabilities: ['water-rescue'], en: 'Rescue boat', vi: 'Xuồng cứu nạn' },
  'ambulance-als': {
    agency: 'ambulance',
    capabilities: ['advanced-life-support', 'basic-life-support'],
    en: 'Ambulance (ALS)',
    vi: 'Xe cấp cứu (ALS)',
  },
  'ambulance-bls': {
    agency: 'ambulance',
    capabilities: ['basic-life-support'],
    en: 'Ambulance (BLS)',
    vi: 'Xe cấp cứu (BLS)',
  },
  'police-patrol': {
    agency: 'police',
    capabilities: ['law-enforcement'],
    en: 'Patrol car',
    vi: 'Xe tuần tra',
  },
  'police-motorbike': {
    agency: 'police',
    capabilities: ['law-enforcement', 'traffic-control'],
    en: 'Police motorbike',
    vi: 'Mô tô cảnh sát',
  },
  'traffic-police': {
    agency: 'police',
    capabilities: ['traffic-control', 'law-enforcement'],
    en: 'Traffic police',
    vi: 'Cảnh sát giao thông',
  },
});

export const UnitPosition = z.object({
  point: GeoPoint,
  /** Degrees clockwise from north. */
  heading: z.number().min(0).lt(360).nullable(),
  speedKmh: z.number().min(0).max(400).nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type UnitPosition = z.infer<typeof UnitPosition>;

export const Unit = z.object({
  id: z.uuid(),
  callsign: z.string().min(1).max(32),
  agency: Agency,
  kind: UnitKind,
  capabilities: z.array(Capability),
  stationId: z.uuid().nullable(),
  status: UnitStatus,
  position: UnitPosition.nullable(),
  /** True when the last position is older than the staleness threshold. */
  positionStale: z.boolean(),
  incidentId: z.uuid().nullable(),
  /** The 2025 ward the unit is in (from its position, or its station's when it has none); null outside every ward. */
  ward: z.string().max(120).nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Unit = z.infer<typeof Unit>;

/** Body of an AVL position report, sent by the unit's own device with its unit token. */
export const PositionReport = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).lt(360).nullable().default(null),
  speedKmh: z.number().min(0).max(400).nullable().default(null),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type PositionReport = z.infer<typeof PositionReport>;

export const UnitStatusChange = z.object({ status: UnitStatus });
export type UnitStatusChange = z.infer<typeof UnitStatusChange>;

export const Station = z.object({
  id: z.uuid(),
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(200),
  agency: Agency,
  district: z.string().max(120).nullable(),
  /** The 2025 ward of the station's point (null outside every ward). */
  ward: z.string().max(120).nullable(),
  point: GeoPoint,
  address: z.string().max(300),
});
export type Station = z.infer<typeof Station>;
