// What the map's shapes and colours mean, so nothing on it is told by colour alone.
import { UnitStatus } from '@hcm112/shared';
import { UNIT_STATUS_ICON } from '../components/badges.tsx';
import { useT } from '../i18n/i18n.tsx';
import { UNIT_STATUS_COLOR } from './colors.ts';

export function MapLegend() {
  const t = useT();
  return (
    <details className="map-legend">
      <summary>{t('map.legend')}</summary>
      <ul className="plain-list">
        <li>
          <span className="legend-shape" aria-hidden="true">
            ▲
          </span>
          {t('map.legend.fire')}
        </li>
        <li>
          <span className="legend-shape" aria-hidden="true">
            ■
          </span>
          {t('map.legend.police')}
        </li>
        <li>
          <span className="legend-shape" aria-hidden="true">
            ✚
          </span>
          {t('map.legend.ambulance')}
        </li>
        <li>
          <span className="legend-shape" aria-hidden="true">
            ⌂
          </span>
          {t('map.legend.station')}
        </li>
        <li>
          <span className="legend-shape" aria-hidden="true">
            •
          </span>
          {t('map.legend.camera')}
        </li>
        {UnitStatus.options.map((s) => (
          <li key={s}>
            <span className="legend-shape" style={{ color: UNIT_STATUS_COLOR[s] }} aria-hidden="true">
              {UNIT_STATUS_ICON[s]}
            </span>
            {t(`status.${s}`)}
          </li>
        ))}
        <li className="muted">{t('map.legend.rim')}</li>
      </ul>
    </details>
  );
}
