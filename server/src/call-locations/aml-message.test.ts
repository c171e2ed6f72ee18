import { describe, expect, it } from 'vitest';
import { AML_FORM, fieldsOf, readAml, timeOf } from './aml-message.ts';

const form = (text: string) => {
  const fields = fieldsOf(AML_FORM, Buffer.from(text));
  if (typeof fields === 'string') throw new Error(fields);
  return readAml(fields);
};

describe('reading an AML message', () => {
  it('reads the form-encoded fields handsets send', () => {
    const m = form(
      'v=3&device_number=%2B84905550001&location_latitude=10.7771&location_longitude=106.7012' +
        '&location_accuracy=12.5&location_time=1796601600123&location_source=wifi&location_certainty=68' +
        '&location_altitude=14&location_floor=3A&device_model=Pixel+8&device_imei=356938035643809' +
        '&device_imsi=452040123456789&cell_home_mcc=452&cell_home_mnc=04&emergency_number=112&source=call',
    );
    expect(m).toEqual({
      number: '+84905550001',
      numberAsSent: '+84905550001',
      point: { lat: 10.7771, lon: 106.7012 },
      accuracyM: 12.5,
      method: 'Wi-Fi',
      at: new Date(1796601600123).toISOString(),
      device: {
        imei: '356938035643809',
        imsi: '452040123456789',
        model: 'Pixel 8',
        emergencyNumber: '112',
        floor: '3A',
        altitudeM: 14,
        certaintyPercent: 68,
      },
      problem: null,
    });
  });

  it('reads a leading + left unencoded (a space once decoded) as the + it was', () => {
    expect(form('device_number=+4915112345678&location_latitude=1&location_longitude=2').number).toBe(
      '+4915112345678',
    );
  });

  it('takes a message without radius, time or method, and leaves malformed optional fields out', () => {
    const m = form(
      'device_number=0905550001&location_latitude=10.5&location_longitude=106.5&location_accuracy=wide' +
        '&location_time=yesterday&location_altitude=high',
    );
    expect(m).toMatchObject({
      number: '+84905550001',
      point: { lat: 10.5, lon: 106.5 },
      accuracyM: null,
      at: null,
      method: null,
      problem: null,
    });
    expect(m.device.altitudeM).toBeNull();
  });

  it('says why a message cannot be used', () => {
    expect(form('device_number=0905550001&location_accuracy=20').problem).toBe('no position in the message');
    expect(form('device_number=0905550001&location_latitude=95&location_longitude=106').problem).toMatch(
      /not a latitude and longitude/,
    );
    expect(form('device_number=0905550001&location_latitude=0&location_longitude=0').problem).toMatch(
      /null position/,
    );
    expect(form('location_latitude=10&location_longitude=106').problem).toBe(
      'no device_number in the message',
    );
    expect(form('device_number=anonymous&location_latitude=10&location_longitude=106')).toMatchObject({
      number: null,
      numberAsSent: 'anonymous',
      problem: 'device_number is not a phone number',
    });
  });

  it('reads a JSON object of the same names, numbers as numbers too', () => {
    const fields = fieldsOf(
      'application/json',
      Buffer.from(
        JSON.stringify({ device_number: '+84905550001', location_latitude: 10.1, location_longitude: 106.2 }),
      ),
    );
    expect(typeof fields === 'string' ? fields : readAml(fields).point).toEqual({ lat: 10.1, lon: 106.2 });
  });

  it('names a body that is no message at all', () => {
    expect(fieldsOf('application/json', Buffer.from('{"device_number":'))).toBe('body is not valid JSON');
    expect(fieldsOf('application/json', Buffer.from('[1,2]'))).toBe('body is not a JSON object');
    expect(fieldsOf(AML_FORM, Buffer.alloc(0))).toBe('empty message');
  });

  it('reads times in Unix milliseconds, seconds and ISO 8601', () => {
    expect(timeOf('1796601600123')).toBe('2026-12-07T00:00:00.123Z');
    expect(timeOf('1796601600')).toBe('2026-12-07T00:00:00.000Z');
    expect(timeOf('2026-12-07T07:00:00+07:00')).toBe('2026-12-07T00:00:00.000Z');
    expect(timeOf('20261207000000')).toBeNull();
  });
});
