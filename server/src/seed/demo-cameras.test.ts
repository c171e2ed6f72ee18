import { describe, expect, it } from 'vitest';
import { DEMO_CENTRE, demoStreams } from './demo-cameras.ts';
import { generateDemoCity } from './demo-city.ts';

describe('demo live cameras', () => {
  it('gives each demo source to one of the cameras nearest Bến Thành and no stream to the others', () => {
    const { cameras } = generateDemoCity();
    const streamed = cameras.filter((c) => c.streamUrl);
    expect(streamed.map((c) => c.streamUrl).sort()).toEqual(
      demoStreams()
        .map((s) => s.streamUrl)
        .sort(),
    );
    const dist = (p: { lat: number; lon: number }) =>
      Math.hypot(p.lat - DEMO_CENTRE.lat, p.lon - DEMO_CENTRE.lon);
    const farthestStreamed = Math.max(...streamed.map((c) => dist(c.point)));
    const nearestOther = Math.min(...cameras.filter((c) => !c.streamUrl).map((c) => dist(c.point)));
    expect(farthestStreamed).toBeLessThanOrEqual(nearestOther);
    expect(farthestStreamed).toBeLessThan(0.01); // about a kilometre
    expect(streamed.every((c) => c.ptz)).toBe(true);
  });
});
