// The configured destinations a console may dial: the agencies (113, 114, 115) and the centre's other numbers.
import { AGENCY_LABEL, type Agency, type DialDestination, SERVICE_AGENCY } from '@hcm112/shared';
import type { Config } from '../config.ts';

const AGENCY_KEYS = ['113', '114', '115'] as const;

export function dialDestinations(config: Config): DialDestination[] {
  const agencies = AGENCY_KEYS.flatMap((key): DialDestination[] => {
    const uri = config[`AGENCY_${key}_URI`];
    const label = AGENCY_LABEL[SERVICE_AGENCY[key] as Agency];
    return uri
      ? [{ key, kind: 'agency', uri, label: { en: `${label.en} ${key}`, vi: `${label.vi} ${key}` } }]
      : [];
  });
  const others = config.DIAL_DESTINATIONS.map(
    (d, i): DialDestination => ({
      key: `n${i + 1}`,
      kind: 'number',
      uri: d.uri,
      label: { en: d.label, vi: d.label },
    }),
  );
  return [...agencies, ...others];
}

/** The callback URI of a caller's number through the carrier trunk. */
export function callbackUri(config: Config, number: string): string | undefined {
  return config.CALLBACK_TRUNK_URI?.replace('{number}', number);
}
