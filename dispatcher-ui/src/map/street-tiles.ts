// The street layer of the offline base map: 256-pixel tiles fetched from the server as compact JSON and drawn
// on canvas (class colours and widths, names along their street close in). Panning moves finished tiles.
import L from 'leaflet';

type Road = [roadClass: string, coordinates: Array<[number, number]>];
type Label = [name: string, lon: number, lat: number, azimuth: number];
interface Tile {
  roads: Road[];
  labels: Label[];
}

const STYLE: Readonly<Record<string, { color: string; width: number }>> = {
  highway: { color: '#e3a34a', width: 4 },
  arterial: { color: '#c9d4df', width: 3 },
  collector: { color: '#93a7ba', width: 2 },
  local: { color: '#5f748a', width: 1.3 },
};
/** Read at a glance on a dark console at night: bold, and larger at street zoom where a caller is talked to a corner. */
const labelFont = (z: number) => `700 ${z >= 16 ? 14 : 13}px system-ui, sans-serif`;

function project(lon: number, lat: number, worldPx: number): [number, number] {
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * worldPx, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * worldPx];
}

function drawRoads(ctx: CanvasRenderingContext2D, tile: Tile, z: number, ox: number, oy: number): void {
  const worldPx = 256 * 2 ** z;
  const scale = z >= 16 ? 1.6 : z >= 14 ? 1.2 : 1;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const [cls, coords] of tile.roads) {
    if (!Array.isArray(coords)) continue;
    const style = STYLE[cls] ?? STYLE.local!;
    ctx.strokeStyle = style.color;
    ctx.lineWidth = style.width * scale;
    ctx.beginPath();
    coords.forEach(([lon, lat], i) => {
      const [x, y] = project(lon, lat, worldPx);
      if (i === 0) ctx.moveTo(x - ox, y - oy);
      else ctx.lineTo(x - ox, y - oy);
    });
    ctx.stroke();
  }
}

/** Names along their street, upright, only where they fit inside the tile and clear of each other. */
function drawLabels(ctx: CanvasRenderingContext2D, tile: Tile, z: number, ox: number, oy: number): void {
  const worldPx = 256 * 2 ** z;
  ctx.font = labelFont(z);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#0d141c';
  ctx.fillStyle = '#f1f5f9';
  const taken: Array<[number, number, number]> = [];
  for (const [name, lon, lat, azimuth] of tile.labels) {
    const [px, py] = project(lon, lat, worldPx);
    const x = px - ox;
    const y = py - oy;
    const half = ctx.measureText(name).width / 2 + 2;
    if (x - half < 0 || x + half > 256 || y - half < 0 || y + half > 256) continue;
    if (taken.some(([tx, ty, th]) => Math.hypot(tx - x, ty - y) < th + half)) continue;
    taken.push([x, y, half]);
    let angle = ((azimuth - 90) * Math.PI) / 180;
    if (angle > Math.PI / 2) angle -= Math.PI;
    if (angle < -Math.PI / 2) angle += Math.PI;
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(angle);
    ctx.strokeText(name, 0, 0);
    ctx.fillText(name, 0, 0);
    ctx.restore();
  }
}

const isTile = (v: unknown): v is Tile =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as Tile).roads) &&
  Array.isArray((v as Tile).labels);

export interface StreetTileOptions {
  url: string;
  minZoom: number;
  maxZoom: number;
}

export function streetTileLayer(
  options: StreetTileOptions,
  attribution: string | null,
  headers: Record<string, string> = {},
): L.GridLayer {
  const Layer = L.GridLayer.extend({
    createTile(coords: L.Coords, done: L.DoneCallback) {
      const canvas = document.createElement('canvas');
      const ratio = window.devicePixelRatio || 1;
      canvas.width = 256 * ratio;
      canvas.height = 256 * ratio;
      const url = options.url
        .replace('{z}', String(coords.z))
        .replace('{x}', String(coords.x))
        .replace('{y}', String(coords.y));
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json', ...headers } })
        .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`street tile ${res.status}`))))
        .then((body: unknown) => {
          const ctx = canvas.getContext('2d');
          if (ctx && isTile(body)) {
            ctx.scale(ratio, ratio);
            drawRoads(ctx, body, coords.z, coords.x * 256, coords.y * 256);
            drawLabels(ctx, body, coords.z, coords.x * 256, coords.y * 256);
          }
          done(undefined, canvas);
        })
        .catch((err: unknown) => done(err instanceof Error ? err : new Error(String(err)), canvas));
      return canvas;
    },
  });
  return new (Layer as unknown as new (o: L.GridLayerOptions) => L.GridLayer)({
    minZoom: 0,
    minNativeZoom: options.minZoom,
    maxNativeZoom: options.maxZoom,
    maxZoom: 20,
    keepBuffer: 4,
    updateWhenZooming: false,
    className: 'street-tiles',
    ...(attribution && { attribution }),
  });
}
