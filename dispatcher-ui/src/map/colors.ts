// Map colours, matched to theme.css so the map and the lists speak the same language.
import type { Agency, UnitStatus } from '@hcm112/shared';
import { priorityBand } from '../components/badges.tsx';

export const UNIT_STATUS_COLOR: Readonly<Record<UnitStatus, string>> = {
  available: '#51cf66',
  dispatched: '#ffd43b',
  'en-route': '#ffd43b',
  'on-scene': '#ffa94d',
  transporting: '#b197fc',
  'at-hospital': '#b197fc',
  'out-of-service': '#868e96',
};

export const AGENCY_COLOR: Readonly<Record<Agency, string>> = {
  police: '#4dabf7',
  fire: '#ff6b6b',
  ambulance: '#f8f9fa',
};

const PRIORITY_COLOR = { critical: '#ff5c5c', high: '#ffa94d', routine: '#74c0fc' } as const;

export function priorityColor(priority: number): string {
  return PRIORITY_COLOR[priorityBand(priority)];
}
