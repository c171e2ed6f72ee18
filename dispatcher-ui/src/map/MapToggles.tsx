// Large on/off switches for the map's overlays (units, stations, cameras, alerts).
import { useT } from '../i18n/i18n.tsx';

export type OverlayName = 'units' | 'stations' | 'cameras' | 'alerts';

const ORDER: readonly OverlayName[] = ['units', 'stations', 'cameras', 'alerts'];

export function MapToggles({
  visible,
  onToggle,
}: {
  visible: Readonly<Record<OverlayName, boolean>>;
  onToggle: (name: OverlayName) => void;
}) {
  const t = useT();
  return (
    <fieldset className="map-toggles">
      <legend className="sr-only">{t('map.layers')}</legend>
      {ORDER.map((name) => (
        <button
          key={name}
          type="button"
          className="btn btn-small"
          aria-pressed={visible[name]}
          onClick={() => onToggle(name)}
        >
          <span aria-hidden="true">{visible[name] ? '☑' : '☐'} </span>
          {t(`map.layer.${name}`)}
        </button>
      ))}
    </fieldset>
  );
}
