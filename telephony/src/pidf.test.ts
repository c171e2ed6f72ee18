import { describe, expect, it } from 'vitest';
import { parsePidfLo } from './pidf.ts';

const pidf = (shape: string) => `--boundary1
Content-Type: application/pidf+xml

<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
  xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" entity="sip:0901@x">
  <tuple id="a"><status><gp:geopriv><gp:location-info>${shape}</gp:location-info></gp:geopriv></status></tuple>
</presence>
--boundary1--`;

describe('PIDF-LO caller location', () => {
  it('reads a circle with its radius from a multipart body', () => {
    const body = pidf(
      '<gs:Circle><gml:pos>10.7769 106.7009</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9001">35</gs:radius></gs:Circle>',
    );
    expect(parsePidfLo(body)).toEqual({
      point: { lat: 10.7769, lon: 106.7009 },
      accuracyM: 35,
      source: 'pidf-lo',
      shape: null,
      method: null,
      at: null,
    });
  });

  it('reads a bare point without accuracy', () => {
    expect(parsePidfLo(pidf('<gml:Point><gml:pos>-33.5 151.25</gml:pos></gml:Point>'))).toEqual({
      point: { lat: -33.5, lon: 151.25 },
      accuracyM: null,
      source: 'pidf-lo',
      shape: null,
      method: null,
      at: null,
    });
  });

  it('finds no location in SDP alone, or outside the earth', () => {
    expect(parsePidfLo('v=0\r\nm=audio 6000 RTP/AVP 0\r\n')).toBeNull();
    expect(parsePidfLo(pidf('<gml:Point><gml:pos>95 10</gml:pos></gml:Point>'))).toBeNull();
  });
});
