// Caller locations from a PIDF-LO (RFC 4119, RFC 5491) read with a namespace-aware XML parser: every
// geopriv location-info of the document, each of the eight GeoShape shapes, with its method and time.
import type { CallerLocation } from '@hcm112/shared';
import { DOMParser, type Element } from '@xmldom/xmldom';
import {
  arcBandShape,
  checkedPosition,
  circleShape,
  ellipseShape,
  type LatLon,
  pointShape,
  polygonShape,
  toCallerLocation,
  UnusableShape,
} from './geo-shapes.ts';

const NS = {
  pidf: 'urn:ietf:params:xml:ns:pidf',
  dm: 'urn:ietf:params:xml:ns:pidf:data-model',
  gp: 'urn:ietf:params:xml:ns:pidf:geopriv10',
  gml: 'http://www.opengis.net/gml',
  gs: 'http://www.opengis.net/pidflo/1.0',
};

/** What a PIDF-LO gave: every usable location, and why the others could not be used. */
export interface PidfReading {
  locations: CallerLocation[];
  problems: string[];
}

const NOTHING: PidfReading = { locations: [], problems: [] };

/** The PIDF-LO document of a SIP body: the whole body, or the application/pidf+xml part of a multipart one. */
export function pidfDocument(body: string, contentType = ''): string | null {
  if (/^\s*application\/pidf\+xml/i.test(contentType)) return body;
  const boundary = /boundary="?([^";\s]+)"?/i.exec(contentType)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`)) {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) continue;
      if (/content-type:\s*application\/pidf\+xml/i.test(part.slice(0, split)))
        return part.slice(split).trim();
    }
    return null;
  }
  // No Content-Type given (older events): find the document by its root element.
  const start = body.search(/<\?xml|<([\w-]+:)?presence[\s>]/);
  if (start < 0) return null;
  const end = body.search(/<\/([\w-]+:)?presence>/);
  return end < 0 ? body.slice(start) : body.slice(start, body.indexOf('>', end) + 1);
}

/** Every location of a PIDF-LO in a SIP body (none when the body has no PIDF-LO). */
export function readPidfLo(body: string, contentType = ''): PidfReading {
  const text = pidfDocument(body, contentType);
  if (!text) return NOTHING;
  const root = parseXml(text);
  if (typeof root === 'string') return { locations: [], problems: [root] };
  if (root.namespaceURI !== NS.pidf || root.localName !== 'presence')
    return { locations: [], problems: ['not a PIDF document (no presence element)'] };
  return readPresence(root);
}

/** The PIDF-LO inside a HELD locationResponse (RFC 5985), or why there is none. */
export function readHeldAnswer(body: string): PidfReading {
  const root = parseXml(body);
  if (typeof root === 'string') return { locations: [], problems: [root] };
  const presence = elements(root.getElementsByTagNameNS(NS.pidf, 'presence'))[0];
  if (!presence) return { locations: [], problems: ['HELD answer without a PIDF-LO'] };
  return readPresence(presence);
}

/** The document's root element, or why it could not be read. */
function parseXml(text: string): Element | string {
  // A PIDF-LO has no DTD: refusing one shuts out entity expansion.
  if (/<!DOCTYPE/i.test(text)) return 'PIDF-LO with a DOCTYPE refused';
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'application/xml');
    return doc.documentElement ?? 'empty XML document';
  } catch (err) {
    return `malformed PIDF-LO XML: ${firstLine(err)}`;
  }
}

function readPresence(root: Element): PidfReading {
  const reading: PidfReading = { locations: [], problems: [] };
  for (const geopriv of elements(root.getElementsByTagNameNS(NS.gp, 'geopriv'))) {
    const method = text1(child(geopriv, NS.gp, 'method'));
    const at = timestampOf(geopriv);
    for (const info of children(geopriv, NS.gp, 'location-info')) {
      for (const shape of children(info)) {
        if (shape.namespaceURI !== NS.gml && shape.namespaceURI !== NS.gs) continue; // civic address, ...
        try {
          reading.locations.push(toCallerLocation(readShape(shape), method, at));
        } catch (err) {
          if (!(err instanceof UnusableShape)) throw err;
          reading.problems.push(err.message);
        }
      }
    }
  }
  if (reading.locations.length === 0 && reading.problems.length === 0)
    reading.problems.push('PIDF-LO without a geodetic location');
  return reading;
}

/** The first https: URI of a Geolocation header (RFC 6442): a location by reference, to dereference with HELD. */
export function locationByReference(geolocation: string): string | null {
  const uri = /<(https:[^>\s]{1,2000})>/i.exec(geolocation)?.[1];
  return uri ?? null;
}

/** The first usable location of a SIP body, or null. */
export function parsePidfLo(body: string, contentType = ''): CallerLocation | null {
  return readPidfLo(body, contentType).locations[0] ?? null;
}

function readShape(e: Element): ReturnType<typeof pointShape> {
  const dims = dimensionOf(e);
  const centre = () => position(need(child(e, NS.gml, 'pos'), 'gml:pos'), dims);
  const length = (name: string) => measure(need(child(e, NS.gs, name), `gs:${name}`), 'length');
  const angle = (name: string) => measure(need(child(e, NS.gs, name), `gs:${name}`), 'angle');
  switch (`${e.namespaceURI === NS.gml ? 'gml' : 'gs'}:${e.localName}`) {
    case 'gml:Point':
      return pointShape(centre());
    case 'gs:Circle':
      return circleShape(centre(), length('radius'));
    case 'gs:Sphere':
      return circleShape(centre(), length('radius'), 'sphere');
    case 'gs:Ellipse':
      return ellipseShape(centre(), length('semiMajorAxis'), length('semiMinorAxis'), angle('orientation'));
    case 'gs:Ellipsoid':
      return ellipseShape(
        centre(),
        length('semiMajorAxis'),
        length('semiMinorAxis'),
        angle('orientation'),
        length('verticalAxis'),
      );
    case 'gs:ArcBand':
      return arcBandShape(
        centre(),
        length('innerRadius'),
        length('outerRadius'),
        angle('startAngle'),
        angle('openingAngle'),
      );
    case 'gml:Polygon':
      return polygonShape(ringOf(e, dims));
    case 'gs:Prism': {
      const base = need(child(need(child(e, NS.gs, 'base'), 'gs:base'), NS.gml, 'Polygon'), 'gml:Polygon');
      return polygonShape(ringOf(base, dimensionOf(base, dims)), 'prism', length('height'));
    }
    default:
      throw new UnusableShape(`unknown shape ${e.localName}`);
  }
}

/** The exterior ring of a gml:Polygon, written as one gml:posList or as gml:pos vertices. */
function ringOf(polygon: Element, dims: number): LatLon[] {
  const ring = need(
    child(need(child(polygon, NS.gml, 'exterior'), 'gml:exterior'), NS.gml, 'LinearRing'),
    'ring',
  );
  const list = child(ring, NS.gml, 'posList');
  if (list) {
    const n = numbers(list);
    const d = Number(list.getAttribute('srsDimension')) || dims;
    if (n.length % d !== 0) throw new UnusableShape('gml:posList with an odd number of coordinates');
    const out: LatLon[] = [];
    for (let i = 0; i < n.length; i += d)
      out.push(checkedPosition(n[i] as number, n[i + 1] as number, n[i + 2]));
    return out;
  }
  return children(ring, NS.gml, 'pos').map((p) => position(p, dims));
}

/** 3 for the 3D coordinate system (EPSG 4979) of spheres, ellipsoids and prisms, else 2. */
function dimensionOf(e: Element, inherited = 2): number {
  const srs = e.getAttribute('srsName') ?? '';
  if (/4979$/.test(srs)) return 3;
  if (/4326$/.test(srs)) return 2;
  return inherited;
}

function position(e: Element, dims: number): LatLon {
  const n = numbers(e);
  if (n.length < 2 || n.length > 3 || (dims === 3 && n.length !== 3 && n.length !== 2))
    throw new UnusableShape('gml:pos is not "latitude longitude [altitude]"');
  return checkedPosition(n[0] as number, n[1] as number, n[2]);
}

function numbers(e: Element): number[] {
  const words = (e.textContent ?? '').trim().split(/\s+/).filter(Boolean);
  const n = words.map(Number);
  if (n.some((v) => !Number.isFinite(v))) throw new UnusableShape(`not a number in ${e.localName}`);
  return n;
}

/** A length in metres (EPSG 9001) or an angle in degrees (EPSG 9102; radians 9101 converted). */
function measure(e: Element, kind: 'length' | 'angle'): number {
  const value = Number((e.textContent ?? '').trim());
  if (!Number.isFinite(value)) throw new UnusableShape(`${e.localName} is not a number`);
  const uom = e.getAttribute('uom') ?? '';
  if (kind === 'length' && (uom === '' || uom.endsWith('::9001'))) return value;
  if (kind === 'angle' && (uom === '' || uom.endsWith('::9102'))) return value;
  if (kind === 'angle' && uom.endsWith('::9101')) return (value * 180) / Math.PI;
  throw new UnusableShape(`${e.localName} in an unknown unit ${uom}`);
}

/** The timestamp of the tuple, device or person the geopriv belongs to (RFC 3863, RFC 4479). */
function timestampOf(geopriv: Element): string | null {
  for (let n = geopriv.parentNode; n; n = n.parentNode) {
    const e = n as Element;
    if (e.nodeType !== 1) continue;
    const stamp = child(e, NS.pidf, 'timestamp') ?? child(e, NS.dm, 'timestamp');
    if (stamp) {
      const ms = Date.parse(text1(stamp) ?? '');
      return Number.isNaN(ms) ? null : new Date(ms).toISOString();
    }
    if (e.localName === 'presence') return null;
  }
  return null;
}

function elements(list: { length: number; item(i: number): Element | null }): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list.item(i);
    if (e) out.push(e);
  }
  return out;
}

function children(e: Element, ns?: string, name?: string): Element[] {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const c = n as Element;
    if ((ns === undefined || c.namespaceURI === ns) && (name === undefined || c.localName === name))
      out.push(c);
  }
  return out;
}

function child(e: Element, ns: string, name: string): Element | null {
  return children(e, ns, name)[0] ?? null;
}

function need(e: Element | null, what: string): Element {
  if (!e) throw new UnusableShape(`${what} missing`);
  return e;
}

function text1(e: Element | null): string | null {
  const t = e?.textContent?.trim();
  return t ? t.slice(0, 64) : null;
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err)
    .split('\n')[0]
    ?.slice(0, 200) as string;
}
