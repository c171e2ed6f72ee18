// The incident-type taxonomy, each type with subtypes, a default priority and its EIDO registry text.
import { z } from 'zod';
import type { Agency } from './agency.ts';

export const IncidentType = z.enum([
  'fire',
  'medical',
  'traffic',
  'crime',
  'rescue',
  'flood',
  'hazmat',
  'other',
]);
export type IncidentType = z.infer<typeof IncidentType>;

/** Priority on the EIDO 0-10 scale, 10 the most urgent. */
export const Priority = z.number().int().min(0).max(10);
export type Priority = z.infer<typeof Priority>;

export interface IncidentTypeInfo {
  label: { en: string; vi: string };
  /** EIDO incidentTypeCommonRegistryText (NENA Incident Type registry). */
  registryText: string;
  leadAgency: Agency;
  subtypes: Readonly<Record<string, { en: string; vi: string; priority: number }>>;
}

export const INCIDENT_TYPES: Readonly<Record<IncidentType, IncidentTypeInfo>> = Object.freeze({
  fire: {
    label: { en: 'Fire', vi: 'Cháy' },
    registryText: 'Fire',
    leadAgency: 'fire',
    subtypes: {
      'structure-fire': { en: 'Structure fire', vi: 'Cháy nhà', priority: 9 },
      'high-rise-fire': { en: 'High-rise fire', vi: 'Cháy nhà cao tầng', priority: 10 },
      'market-fire': { en: 'Market / shop fire', vi: 'Cháy chợ / cửa hàng', priority: 9 },
      'vehicle-fire': { en: 'Vehicle fire', vi: 'Cháy xe', priority: 7 },
      'electrical-fire': { en: 'Electrical fire', vi: 'Chập điện', priority: 6 },
      'grass-fire': { en: 'Grass / brush fire', vi: 'Cháy cỏ / rừng', priority: 5 },
    },
  },
  medical: {
    label: { en: 'Medical', vi: 'Y tế' },
    registryText: 'Medical',
    leadAgency: 'ambulance',
    subtypes: {
      'cardiac-arrest': { en: 'Cardiac arrest', vi: 'Ngưng tim', priority: 10 },
      'breathing-problem': { en: 'Breathing problem', vi: 'Khó thở', priority: 8 },
      unconscious: { en: 'Unconscious person', vi: 'Bất tỉnh', priority: 8 },
      stroke: { en: 'Stroke', vi: 'Đột quỵ', priority: 8 },
      'serious-injury': { en: 'Serious injury', vi: 'Chấn thương nặng', priority: 7 },
      childbirth: { en: 'Childbirth', vi: 'Sinh con', priority: 6 },
      'sick-person': { en: 'Sick person', vi: 'Người bệnh', priority: 4 },
    },
  },
  traffic: {
    label: { en: 'Traffic accident', vi: 'Tai nạn giao thông' },
    registryText: 'Traffic Accident',
    leadAgency: 'police',
    subtypes: {
      'collision-injury': { en: 'Collision with injuries', vi: 'Va chạm có người bị thương', priority: 8 },
      'multi-vehicle': { en: 'Multi-vehicle collision', vi: 'Tai nạn liên hoàn', priority: 9 },
      'pedestrian-struck': { en: 'Pedestrian struck', vi: 'Tông người đi bộ', priority: 8 },
      'motorbike-crash': { en: 'Motorbike crash', vi: 'Tai nạn xe máy', priority: 7 },
      'collision-no-injury': { en: 'Collision, no injuries', vi: 'Va chạm không thương vong', priority: 3 },
    },
  },
  crime: {
    label: { en: 'Crime', vi: 'Tội phạm' },
    registryText: 'Law Enforcement',
    leadAgency: 'police',
    subtypes: {
      'assault-weapon': { en: 'Assault with weapon', vi: 'Tấn công có hung khí', priority: 9 },
      robbery: { en: 'Robbery', vi: 'Cướp', priority: 8 },
      'domestic-violence': { en: 'Domestic violence', vi: 'Bạo lực gia đình', priority: 7 },
      burglary: { en: 'Burglary', vi: 'Trộm đột nhập', priority: 6 },
      theft: { en: 'Theft', vi: 'Trộm cắp', priority: 4 },
      disturbance: { en: 'Public disturbance', vi: 'Gây rối trật tự', priority: 4 },
    },
  },
  rescue: {
    label: { en: 'Rescue', vi: 'Cứu nạn' },
    registryText: 'Rescue',
    leadAgency: 'fire',
    subtypes: {
      'building-collapse': { en: 'Building collapse', vi: 'Sập nhà', priority: 10 },
      'water-rescue': { en: 'Person in water', vi: 'Người đuối nước', priority: 9 },
      'trapped-person': { en: 'Person trapped', vi: 'Người mắc kẹt', priority: 8 },
      'height-rescue': { en: 'Rescue at height', vi: 'Cứu hộ trên cao', priority: 8 },
      'elevator-entrapment': { en: 'Elevator entrapment', vi: 'Kẹt thang máy', priority: 5 },
    },
  },
  flood: {
    label: { en: 'Flood', vi: 'Ngập lụt' },
    registryText: 'Flood',
    leadAgency: 'fire',
    subtypes: {
      'people-trapped-by-water': { en: 'People trapped by water', vi: 'Người mắc kẹt do nước', priority: 9 },
      landslide: { en: 'Riverbank landslide', vi: 'Sạt lở bờ sông', priority: 8 },
      'street-flooding': { en: 'Street flooding', vi: 'Ngập đường', priority: 3 },
    },
  },
  hazmat: {
    label: { en: 'Hazardous materials', vi: 'Hóa chất nguy hiểm' },
    registryText: 'Hazardous Materials',
    leadAgency: 'fire',
    subtypes: {
      'gas-leak': { en: 'Gas leak', vi: 'Rò rỉ khí gas', priority: 8 },
      'chemical-spill': { en: 'Chemical spill', vi: 'Tràn hóa chất', priority: 8 },
      'fuel-spill': { en: 'Fuel spill', vi: 'Tràn nhiên liệu', priority: 6 },
    },
  },
  other: {
    label: { en: 'Other', vi: 'Khác' },
    registryText: 'Other',
    leadAgency: 'police',
    subtypes: {
      'welfare-check': { en: 'Welfare check', vi: 'Kiểm tra an toàn', priority: 4 },
      'public-hazard': { en: 'Public hazard', vi: 'Nguy hiểm công cộng', priority: 5 },
      animal: { en: 'Animal incident', vi: 'Sự cố động vật', priority: 3 },
      other: { en: 'Other', vi: 'Khác', priority: 3 },
    },
  },
});

export function isKnownSubtype(type: IncidentType, subtype: string): boolean {
  return Object.hasOwn(INCIDENT_TYPES[type].subtypes, subtype);
}

export function defaultPriority(type: IncidentType, subtype: string): number {
  return INCIDENT_TYPES[type].subtypes[subtype]?.priority ?? 5;
}
