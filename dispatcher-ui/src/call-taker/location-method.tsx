// How a location was found, in the call-taker's words: senders name methods their own way (PIDF-LO "gps", "Cell",
// "A-GPS", "802.11"; AML "GPS", "Wi-Fi"), the console shows one label per kind.
import { useT } from '../i18n/i18n.tsx';

const KINDS = {
  gps: 'gps',
  agps: 'agps',
  gnss: 'gps',
  cell: 'cell',
  triangulation: 'cell',
  wifi: 'wifi',
  '80211': 'wifi',
  wlan: 'wifi',
  fused: 'fused',
  dhcp: 'dhcp',
  manual: 'manual',
} as const;

type MethodKind = (typeof KINDS)[keyof typeof KINDS];

/** The kind of a sender's method name; null for one the console has no label for (shown as sent). */
export function methodKind(method: string): MethodKind | null {
  const key = method.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (KINDS as Record<string, MethodKind>)[key] ?? null;
}

/** Whether a method is the sender's to show: the call-taker's own (typed, pin) the source already says. */
function showsMethod(method: string | null): method is string {
  return !!method && method !== 'typed' && method !== 'pin';
}

/** The method as a label, " · " before it; nothing when `showsMethod` says no. */
export function LocationMethod({ method }: { method: string | null }) {
  const t = useT();
  if (!showsMethod(method)) return null;
  const kind = methodKind(method);
  return (
    <span className="location-method" data-testid="location-method">
      {' · '}
      {kind ? t(`calltaker.method.${kind}`) : method}
    </span>
  );
}
