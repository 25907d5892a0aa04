'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { CircleMarker, MapContainer, TileLayer, Tooltip } from 'react-leaflet';

export type TodayPoint = { id: string; position: [number, number]; fresh: boolean; warning: boolean; label: string };
/** Where a canvasser was last seen. */
export type TodayWalker = { id: string; position: [number, number]; label: string };
export type TodayMapProps = { points: TodayPoint[]; walkers: TodayWalker[]; tileUrl: string; tileAttribution: string };

/** The day's visits; the last minute's drawn large and ringed, so a new one catches the eye without the map moving. */
export default function TodayMap({ points, walkers, tileUrl, tileAttribution }: TodayMapProps) {
  if (points.length === 0)
    return <div className="flex h-[24rem] items-center justify-center rounded-md bg-slate-100 text-sm text-slate-600">No located visit yet today.</div>;
  return (
    <div role="region" aria-label="Today's visits on the map">
      {/* Fitted once, when the first visits arrive: later ones never move the view under the user's hands. */}
      <MapContainer
        bounds={L.latLngBounds(points.map((p) => p.position))}
        boundsOptions={{ padding: [30, 30], maxZoom: 16 }}
        className="h-[24rem] w-full rounded-md bg-slate-100"
      >
        {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution} />}
        {points.map((point) => (
          <CircleMarker
            key={`${point.id}-${point.fresh}`}
            center={point.position}
            radius={point.fresh ? 10 : 5}
            pathOptions={{
              color: point.fresh ? '#f59e0b' : '#ffffff',
              weight: point.fresh ? 3 : 1,
              fillColor: point.warning ? '#b91c1c' : '#1d5fbf',
              fillOpacity: 0.9,
            }}
          >
            <Tooltip>{point.label}</Tooltip>
          </CircleMarker>
        ))}
        {walkers.map((walker) => (
          <CircleMarker
            key={`walker-${walker.id}`}
            center={walker.position}
            radius={8}
            pathOptions={{ color: '#0f172a', weight: 3, fillColor: '#ffffff', fillOpacity: 1, dashArray: '3 3' }}
          >
            <Tooltip>{walker.label}</Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
      <p className="mt-1 text-xs text-slate-600">
        Large, ringed in amber: arrived in the last minute. Red: a review rule fired on the shift. White with a dashed ring: where a canvasser was last seen.
      </p>
    </div>
  );
}
