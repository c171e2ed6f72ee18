// Reads an Advanced Mobile Location message (ETSI TS 103 625) from the bytes received, form-encoded or JSON, field
// by field: every field is optional and a malformed one is left out, so a message is always read, usable or not.
import { type AmlDevice, type GeoPoint, toE164 } from '@hcm112/shared';

/** Where messages are posted, under /api. */
export const AML_PATH = '/aml';
/** The standard's transport, and the JSON object of the same names some relays send. */
export const AML_FORM = 'application/x-www-form-urlencoded';
export const AML_BODY_TYPES = [AML_FORM, 'application/json'];
/** A message is a few hundred bytes; a body this large is not one. */
export const AML_MAX_BODY_BYTES = 16 * 1024;

export interface AmlReading {
  /** The number to join the call by: E.164 where it reads as one, else the digits as sent; null if none. */
  number: string | null;
  /** The number exactly as sent, also tried when joining (a call recorded with a number not in E.164). */
  numberAsSent: string | null;
  point: GeoPoint | null;
  accuracyM: number | null;
  method: string | null;
  /** When the position was fixed; null when absent or not a time (the fix then counts from its receipt). */
  at: string | null;
  device: AmlDevice;
  /** Why the message cannot be used; null when it has a number and a position. */
  problem: string | null;
}

type Fields = Map<string, string>;

/** The name-value pairs of the body, first value of each name; or why there are none. */
export function fieldsOf(contentType: string, body: Buffer): Fields | string {
  const text = body.toString('utf8');
  if (!text.trim()) return 'empty message';
  if (contentType === AML_FORM) {
    const fields: Fields = new Map();
    for (const [name, value] of new URLSearchParams(text)) if (!fields.has(name)) fields.set(name, value);
    return fields;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'body is not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return 'body is not a JSON object';
  const fields: Fields = new Map();
  for (const [name, value] of Object.entries(parsed))
    if (typeof value === 'string' || typeof value === 'number') fields.set(name, String(value));
  return fields;
}

const text = (fields: Fields, name: string, max = 64): string | null => {
  const value = fields.get(name)?.trim();
  return value ? value.slice(0, max) : null;
};

const numberIn = (fields: Fields, name: string, min: number, max: number): number | null => {
  const value = text(fields, name);
  if (value === null || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
};

/** Unix milliseconds (what handsets send), Unix seconds, or an ISO time; null otherwise. */
export function timeOf(value: string | null): string | null {
  if (value === null) return null;
  const ms = /^\d{13}$/.test(value)
    ? Number(value)
    : /^\d{10}$/.test(value)
      ? Number(value) * 1000
      : /^\d{4}-\d\d-\d\dT/.test(value)
        ? Date.parse(value)
        : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const METHODS: Record<string, string> = { gps: 'GPS', wifi: 'Wi-Fi', cell: 'Cell', fused: 'Fused' };

function methodOf(value: string | null): string | null {
  if (value === null || value.toLowerCase() === 'unknown') return null;
  return METHODS[value.toLowerCase()] ?? value;
}

/**
 * The handset's number. A form sender that did not percent-encode the leading `+` of an international number
 * sends a space there (form decoding reads `+` as a space): read as the `+` it was.
 */
function numberOf(fields: Fields): { number: string | null; asSent: string | null } {
  const raw = fields.get('device_number');
  if (raw === undefined) return { number: null, asSent: null };
  const asSent = /^ \d/.test(raw) ? `+${raw.slice(1)}` : raw.trim();
  if (!asSent) return { number: null, asSent: null };
  const e164 = toE164(asSent);
  if (e164) return { number: e164, asSent };
  return /^\+?\d{3,20}$/.test(asSent)
    ? { number: asSent, asSent }
    : { number: null, asSent: asSent.slice(0, 32) };
}

/** The position, or why there is none: both coordinates in range, and not 0,0 (the null location). */
function positionOf(fields: Fields): GeoPoint | string {
  if (text(fields, 'location_latitude') === null || text(fields, 'location_longitude') === null)
    return 'no position in the message';
  const lat = numberIn(fields, 'location_latitude', -90, 90);
  const lon = numberIn(fields, 'location_longitude', -180, 180);
  if (lat === null || lon === null) return 'position is not a latitude and longitude on the Earth';
  if (lat === 0 && lon === 0) return 'null position (0, 0): the handset had no fix';
  return { lat, lon };
}

export function readAml(fields: Fields): AmlReading {
  const { number, asSent } = numberOf(fields);
  const position = positionOf(fields);
  const device: AmlDevice = {
    imei: text(fields, 'device_imei', 20),
    imsi: text(fields, 'device_imsi', 20),
    model: text(fields, 'device_model'),
    emergencyNumber: text(fields, 'emergency_number', 20),
    floor: text(fields, 'location_floor', 20),
    altitudeM: numberIn(fields, 'location_altitude', -1000, 100_000),
    certaintyPercent:
      numberIn(fields, 'location_certainty', 0, 100) ?? numberIn(fields, 'location_confidence', 0, 100),
  };
  const problem =
    number === null
      ? asSent === null
        ? 'no device_number in the message'
        : 'device_number is not a phone number'
      : typeof position === 'string'
        ? position
        : null;
  return {
    number,
    numberAsSent: asSent,
    point: typeof position === 'string' ? null : position,
    accuracyM: numberIn(fields, 'location_accuracy', 0, 1_000_000),
    method: methodOf(text(fields, 'location_source')),
    at: timeOf(text(fields, 'location_time', 40)),
    device,
    problem,
  };
}
