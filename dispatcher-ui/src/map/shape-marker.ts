// A canvas marker drawn as a shape (triangle, square, cross, house) instead of a circle: hundreds of units and
// thousands of cameras stay one canvas, and the agency is told by shape, not by colour alone.
import L from 'leaflet';

export type MarkerShape = 'circle' | 'triangle' | 'square' | 'cross' | 'house';

/** Leaflet's canvas renderer internals used to draw a custom path (stable across Leaflet 1.x). */
interface CanvasInternals {
  _drawing: boolean;
  _ctx: CanvasRenderingContext2D;
  _fillStroke(ctx: CanvasRenderingContext2D, layer: L.Path): void;
}

interface MarkerInternals {
  _point: L.Point;
  _radius: number;
  _renderer: unknown;
  _empty(): boolean;
}

export interface ShapeMarkerOptions extends L.CircleMarkerOptions {
  shape: MarkerShape;
}

export class ShapeMarker extends L.CircleMarker {
  shape: MarkerShape;

  constructor(latlng: L.LatLngExpression, options: ShapeMarkerOptions) {
    super(latlng, options);
    this.shape = options.shape;
  }

  setShape(shape: MarkerShape): this {
    if (shape !== this.shape) {
      this.shape = shape;
      this.redraw();
    }
    return this;
  }

  /** Replaces CircleMarker's circle drawing on the canvas renderer. */
  _updatePath(): void {
    const self = this as unknown as MarkerInternals;
    const renderer = self._renderer as CanvasInternals;
    if (!renderer._drawing || self._empty()) return;
    const ctx = renderer._ctx;
    traceShape(ctx, this.shape, self._point.x, self._point.y, Math.max(Math.round(self._radius), 1));
    renderer._fillStroke(ctx, this);
  }
}

function traceShape(
  ctx: CanvasRenderingContext2D,
  shape: MarkerShape,
  x: number,
  y: number,
  r: number,
): void {
  ctx.beginPath();
  switch (shape) {
    case 'triangle':
      ctx.moveTo(x, y - r * 1.15);
      ctx.lineTo(x + r, y + r * 0.75);
      ctx.lineTo(x - r, y + r * 0.75);
      break;
    case 'square':
      ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'cross': {
      const a = r * 0.38;
      ctx.moveTo(x - a, y - r);
      ctx.lineTo(x + a, y - r);
      ctx.lineTo(x + a, y - a);
      ctx.lineTo(x + r, y - a);
      ctx.lineTo(x + r, y + a);
      ctx.lineTo(x + a, y + a);
      ctx.lineTo(x + a, y + r);
      ctx.lineTo(x - a, y + r);
      ctx.lineTo(x - a, y + a);
      ctx.lineTo(x - r, y + a);
      ctx.lineTo(x - r, y - a);
      ctx.lineTo(x - a, y - a);
      break;
    }
    case 'house':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y - r * 0.1);
      ctx.lineTo(x + r * 0.75, y - r * 0.1);
      ctx.lineTo(x + r * 0.75, y + r * 0.85);
      ctx.lineTo(x - r * 0.75, y + r * 0.85);
      ctx.lineTo(x - r * 0.75, y - r * 0.1);
      ctx.lineTo(x - r, y - r * 0.1);
      break;
    default:
      ctx.arc(x, y, r, 0, Math.PI * 2, false);
  }
  ctx.closePath();
}
