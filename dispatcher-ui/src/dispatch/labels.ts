// Display words for domain values that shared/ carries in both languages.
import { INCIDENT_TYPES, type Incident, UNIT_KIND_INFO, type UnitKind } from '@hcm112/shared';
import type { Lang } from '../i18n/define.ts';

export function incidentLabel(incident: Pick<Incident, 'type' | 'subtype'>, lang: Lang): string {
  const type = INCIDENT_TYPES[incident.type];
  const sub = type.subtypes[incident.subtype];
  return sub ? `${type.label[lang]} · ${sub[lang]}` : type.label[lang];
}

export function unitKindLabel(kind: UnitKind, lang: Lang): string {
  return UNIT_KIND_INFO[kind][lang];
}
