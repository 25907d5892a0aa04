/**
 * A circle marker that can also be a triangle or a square, drawn by
 * Leaflet's canvas renderer: the outcome reads from the shape as well as
 * the colour. Leaflet has no shaped canvas marker, so this extends its own.
 */
import L from 'leaflet';

export type Shape = 'circle' | 'triangle' | 'square';

type CanvasInternals = { _drawing: boolean; _ctx: CanvasRenderingContext2D; _fillStroke(ctx: CanvasRenderingContext2D, layer: L.Layer): void };
type MarkerInternals = { _renderer: L.Renderer; _point: L.Point; _radius: number; _empty(): boolean; options: L.CircleMarkerOptions & { shape?: Shape } };

export const ShapeMarker = L.CircleMarker.extend({
  _updatePath(this: MarkerInternals) {
    const shape = this.options.shape ?? 'circle';
    if (shape === 'circle' || !(this._renderer instanceof L.Canvas)) {
      (L.CircleMarker.prototype as unknown as { _updatePath(): void })._updatePath.call(this);
      return;
    }
    const renderer = this._renderer as unknown as CanvasInternals;
    if (!renderer._drawing || this._empty()) return;
    const { x, y } = this._point;
    const r = Math.max(Math.round(this._radius), 1);
    const ctx = renderer._ctx;
    ctx.beginPath();
    if (shape === 'triangle') {
      ctx.moveTo(x, y - r * 1.15);
      ctx.lineTo(x + r, y + r * 0.75);
      ctx.lineTo(x - r, y + r * 0.75);
      ctx.closePath();
    } else {
      ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
    }
    renderer._fillStroke(ctx, this as unknown as L.Layer);
  },
}) as unknown as new (latlng: L.LatLngExpression, options: L.CircleMarkerOptions & { shape?: Shape }) => L.CircleMarker;
