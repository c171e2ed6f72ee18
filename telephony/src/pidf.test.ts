import { describe, expect, it } from 'vitest';
import { parsePidfLo, readPidfLo } from './pidf.ts';

const NAMESPACES =
  'xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" ' +
  'xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0"';
const M = 'uom="urn:ogc:def:uom:EPSG::9001"';
const DEG = 'uom="urn:ogc:def:uom:EPSG::9102"';
const CRS2 = 'srsName="urn:ogc:def:crs:EPSG::4326"';
const CRS3 = 'srsName="urn:ogc:def:crs:EPSG::4979"';

const presence = (infos: string, extra = '') => `<?xml version="1.0"?>
<presence ${NAMESPACES} entity="sip:0901@x">
  <tuple id="a"><status><gp:geopriv>${infos}<gp:usage-rules/><gp:method>Cell</gp:method></gp:geopriv></status>
  <timestamp>2026-12-06T22:00:05+07:00</timestamp></tuple>${extra}
</presence>`;
const info = (shape: string) => `<gp:location-info>${shape}</gp:location-info>`;
const multipart = (xml: string) => `--b1\r
Content-Type: application/sdp\r
\r
v=0\r
--b1\r
Content-Type: application/pidf+xml\r
Content-ID: <loc@x>\r
\r
${xml}\r
--b1--\r
`;
const read = (shape: string) => readPidfLo(presence(info(shape)), 'application/pidf+xml');
const one = (shape: string) => {
  const r = read(shape);
  expect(r.problems).toEqual([]);
  return r.locations[0];
};

describe('PIDF-LO shapes (RFC 5491)', () => {
  it('reads a point from a multipart body, with the method and the tuple time', () => {
    const body = multipart(
      presence(info(`<gml:Point ${CRS2}><gml:pos>10.7769 106.7009</gml:pos></gml:Point>`)),
    );
    expect(parsePidfLo(body, 'multipart/mixed;boundary=b1')).toEqual({
      point: { lat: 10.7769, lon: 106.7009 },
      accuracyM: null,
      source: 'pidf-lo',
      shape: {
        kind: 'point',
        geometry: { type: 'Point', coordinates: [106.7009, 10.7769] },
        altitudeM: null,
        verticalM: null,
      },
      method: 'Cell',
      at: '2026-12-06T15:00:05.000Z',
    });
  });

  it('reads a circle with its radius', () => {
    const l = one(
      `<gs:Circle ${CRS2}><gml:pos>10.7769 106.7009</gml:pos><gs:radius ${M}>35</gs:radius></gs:Circle>`,
    );
    expect(l).toMatchObject({
      point: { lat: 10.7769, lon: 106.7009 },
      accuracyM: 35,
      shape: { kind: 'circle' },
    });
  });

  it('reads an ellipse as its centre, the semi-major axis as uncertainty, and draws it oriented', () => {
    const l = one(
      `<gs:Ellipse ${CRS2}><gml:pos>10.7769 106.7009</gml:pos><gs:semiMajorAxis ${M}>400</gs:semiMajorAxis>` +
        `<gs:semiMinorAxis ${M}>100</gs:semiMinorAxis><gs:orientation ${DEG}>0</gs:orientation></gs:Ellipse>`,
    );
    expect(l?.point).toEqual({ lat: 10.7769, lon: 106.7009 });
    expect(l?.accuracyM).toBe(400);
    const ring = (l?.shape?.geometry as { coordinates: number[][][] } | undefined)?.coordinates[0] ?? [];
    const lats = ring.map((p) => p[1] as number);
    const lons = ring.map((p) => p[0] as number);
    // Orientation 0: the major axis points north, so the shape is taller than wide (~0.0036 vs ~0.0009 deg).
    expect(Math.max(...lats) - Math.min(...lats)).toBeGreaterThan(
      3 * (Math.max(...lons) - Math.min(...lons)),
    );
  });

  it('reads an arc band (a cell sector) as the centroid of its area and the radius covering it', () => {
    const l = one(
      `<gs:ArcBand ${CRS2}><gml:pos>10.77 106.70</gml:pos><gs:innerRadius ${M}>1000</gs:innerRadius>` +
        `<gs:outerRadius ${M}>2000</gs:outerRadius><gs:startAngle ${DEG}>80</gs:startAngle>` +
        `<gs:openingAngle ${DEG}>20</gs:openingAngle></gs:ArcBand>`,
    );
    // The band lies 1-2 km east of the antenna: its centroid too, not the antenna.
    expect(l?.point.lon).toBeGreaterThan(106.709);
    expect(l?.point.lon).toBeLessThan(106.718);
    expect(l?.point.lat).toBeCloseTo(10.77, 2);
    expect(l?.accuracyM).toBeGreaterThan(500);
    expect(l?.accuracyM).toBeLessThan(1000);
    expect(l?.shape?.kind).toBe('arc-band');
  });

  const square = [
    [10.77, 106.7],
    [10.77, 106.71],
    [10.78, 106.71],
    [10.78, 106.7],
    [10.77, 106.7],
  ];

  it('reads a polygon written as a posList: its centroid, not its first corner, with the covering radius', () => {
    const l = one(
      `<gml:Polygon ${CRS2}><gml:exterior><gml:LinearRing><gml:posList>${square.flat().join(' ')}</gml:posList>` +
        '</gml:LinearRing></gml:exterior></gml:Polygon>',
    );
    expect(l?.point.lat).toBeCloseTo(10.775, 4);
    expect(l?.point.lon).toBeCloseTo(106.705, 4);
    // Half the diagonal of a ~1.1 km square.
    expect(l?.accuracyM).toBeGreaterThan(700);
    expect(l?.accuracyM).toBeLessThan(850);
    expect(l?.shape?.geometry.type).toBe('Polygon');
  });

  it('reads the same polygon written as gml:pos vertices alike', () => {
    const pos = square.map((p) => `<gml:pos>${p.join(' ')}</gml:pos>`).join('');
    const l = one(
      `<gml:Polygon ${CRS2}><gml:exterior><gml:LinearRing>${pos}</gml:LinearRing></gml:exterior></gml:Polygon>`,
    );
    expect(l?.point.lat).toBeCloseTo(10.775, 4);
    expect(l?.accuracyM).toBeGreaterThan(700);
  });

  it('reads a sphere and an ellipsoid with altitude and vertical uncertainty', () => {
    const sphere = one(
      `<gs:Sphere ${CRS3}><gml:pos>10.77 106.7 15</gml:pos><gs:radius ${M}>20</gs:radius></gs:Sphere>`,
    );
    expect(sphere).toMatchObject({ accuracyM: 20, shape: { kind: 'sphere', altitudeM: 15, verticalM: 20 } });
    const ellipsoid = one(
      `<gs:Ellipsoid ${CRS3}><gml:pos>10.77 106.7 30</gml:pos><gs:semiMajorAxis ${M}>50</gs:semiMajorAxis>` +
        `<gs:semiMinorAxis ${M}>20</gs:semiMinorAxis><gs:verticalAxis ${M}>8</gs:verticalAxis>` +
        `<gs:orientation ${DEG}>45</gs:orientation></gs:Ellipsoid>`,
    );
    expect(ellipsoid).toMatchObject({
      point: { lat: 10.77, lon: 106.7 },
      accuracyM: 50,
      shape: { kind: 'ellipsoid', altitudeM: 30, verticalM: 8 },
    });
  });

  it('reads a prism (a floor of a building) as its base polygon with height', () => {
    const base = square.map((p) => `${p.join(' ')} 12`).join(' ');
    const l = one(
      `<gs:Prism ${CRS3}><gs:base><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>${base}` +
        `</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gs:base><gs:height ${M}>3</gs:height></gs:Prism>`,
    );
    expect(l).toMatchObject({ shape: { kind: 'prism', altitudeM: 12, verticalM: 3 } });
    expect(l?.point.lat).toBeCloseTo(10.775, 4);
  });

  it('keeps every location-info, and ignores a pos outside one', () => {
    const xml = presence(
      info('<gml:Point><gml:pos>10.1 106.1</gml:pos></gml:Point>') +
        info(`<gs:Circle><gml:pos>10.2 106.2</gml:pos><gs:radius ${M}>9</gs:radius></gs:Circle>`),
      '<note xmlns:gml="http://www.opengis.net/gml"><gml:pos>1 1</gml:pos></note>',
    );
    const r = readPidfLo(xml, 'application/pidf+xml');
    expect(r.locations.map((l) => l.point)).toEqual([
      { lat: 10.1, lon: 106.1 },
      { lat: 10.2, lon: 106.2 },
    ]);
  });

  it('respects namespaces: a prefix bound to another namespace is not GML', () => {
    const xml = presence(info('<x:Point xmlns:x="urn:other"><x:pos>10 106</x:pos></x:Point>'));
    expect(readPidfLo(xml, 'application/pidf+xml')).toEqual({
      locations: [],
      problems: ['PIDF-LO without a geodetic location'],
    });
  });
});

describe('PIDF-LO bad input', () => {
  it('refuses a polygon of fewer than three different corners, however many vertices it repeats', () => {
    const ring = (corners: number[][]) =>
      `<gml:Polygon ${CRS2}><gml:exterior><gml:LinearRing><gml:posList>${corners.flat().join(' ')}</gml:posList>` +
      '</gml:LinearRing></gml:exterior></gml:Polygon>';
    const [a, b, c] = [
      [10.77, 106.7],
      [10.77, 106.71],
      [10.78, 106.71],
    ];
    expect(read(ring([a, b, a, b, a, b, a])).problems).toEqual(['polygon of fewer than 3 points']);
    expect(read(ring([a, a, a, a])).problems).toEqual(['polygon of fewer than 3 points']);
    expect(one(ring([a, a, b, b, c, a]))?.shape?.geometry.type).toBe('Polygon');
  });

  it('says why for malformed XML, unknown shapes, coordinates outside the world and bad units', () => {
    expect(readPidfLo(`<presence ${NAMESPACES}><tuple>`, 'application/pidf+xml').problems[0]).toMatch(
      /^malformed PIDF-LO XML/,
    );
    expect(read('<gml:LineString><gml:posList>1 2 3 4</gml:posList></gml:LineString>').problems).toEqual([
      'unknown shape LineString',
    ]);
    expect(read('<gml:Point><gml:pos>95 10</gml:pos></gml:Point>').problems).toEqual([
      'coordinates outside the world: 95 10',
    ]);
    expect(
      read(
        '<gs:Circle><gml:pos>10 106</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9002">5</gs:radius></gs:Circle>',
      ).problems,
    ).toEqual(['radius in an unknown unit urn:ogc:def:uom:EPSG::9002']);
    expect(read('<gs:Circle><gml:pos>10 106</gml:pos></gs:Circle>').problems).toEqual(['gs:radius missing']);
  });

  it('refuses a DOCTYPE (entity expansion) and finds nothing in SDP alone', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><presence ${NAMESPACES}/>`;
    expect(readPidfLo(bomb, 'application/pidf+xml').problems).toEqual(['PIDF-LO with a DOCTYPE refused']);
    expect(readPidfLo('v=0\r\nm=audio 6000 RTP/AVP 0\r\n', 'application/sdp')).toEqual({
      locations: [],
      problems: [],
    });
  });
});
