// A small made-up street network for routing tests: two banks of a river joined by one bridge far to the north,
// and a one-way street with a way round it. Known points on it; nothing here depends on the real data folder.

type Props = Record<string, string>;
const street = (coordinates: number[][], props: Props) => ({
  type: 'Feature' as const,
  geometry: { type: 'LineString' as const, coordinates },
  properties: { highway: 'residential', ...props },
});

/** The river runs north-south at longitude 106.700; nothing crosses it but the bridge at latitude 10.800. */
export const RIVER_CITY = {
  type: 'FeatureCollection' as const,
  features: [
    // West bank: a north-south street, an east-west street along the river's edge, the one-way and its way round.
    street(
      [
        [106.69, 10.76],
        [106.69, 10.77],
        [106.69, 10.78],
        [106.69, 10.8],
      ],
      { name: 'Đường Tây' },
    ),
    street(
      [
        [106.685, 10.77],
        [106.69, 10.77],
        [106.699, 10.77],
      ],
      { name: 'Bến Tây', highway: 'secondary' },
    ),
    street(
      [
        [106.685, 10.78],
        [106.69, 10.78],
      ],
      { name: 'Một Chiều', oneway: 'yes' },
    ),
    street(
      [
        [106.685, 10.77],
        [106.685, 10.78],
      ],
      { name: 'Vòng Quanh' },
    ),
    // The bridge.
    street(
      [
        [106.69, 10.8],
        [106.705, 10.8],
      ],
      { name: 'Cầu Bắc', highway: 'secondary', bridge: 'yes' },
    ),
    // East bank.
    street(
      [
        [106.705, 10.76],
        [106.705, 10.77],
        [106.705, 10.8],
      ],
      { name: 'Đường Đông' },
    ),
    street(
      [
        [106.701, 10.77],
        [106.705, 10.77],
        [106.715, 10.77],
      ],
      { name: 'Bến Đông', highway: 'secondary' },
    ),
  ],
};

export const RIVER_CITY_POINTS = {
  /** On the west bank's river street. */
  incident: { lat: 10.7702, lon: 106.6975 },
  /** 550 m west of the incident, same bank. */
  sameBank: { lat: 10.7702, lon: 106.6925 },
  /** 550 m east of the incident, across the river. */
  acrossRiver: { lat: 10.7702, lon: 106.7025 },
  /** Near the east (exit) end of the one-way street, and near its west (entry) end. */
  oneWayExit: { lat: 10.7801, lon: 106.6895 },
  oneWayEntry: { lat: 10.7801, lon: 106.6855 },
  /** Far from every street: 20 km south. */
  offNetwork: { lat: 10.59, lon: 106.6975 },
};
