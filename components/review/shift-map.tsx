'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { CircleMarker, MapContainer, Marker, Polyline, TileLayer, Tooltip } from 'react-leaflet';

export type ReplayPoint = {
  number: number;
  position: [lat: number, lng: number] | null;
  home: [lat: number, lng: number] | null;
  flagged: boolean;
  label: string;
};
export type ReplayLeg = { from: [number, number]; to: [number, number]; kind: 'fast' | 'driving' | 'gap'; label: string };

export type ShiftMapProps = { points: ReplayPoint[]; legs: ReplayLeg[]; tileUrl: string; tileAttribution: string };

const LEG_STYLE = {
  fast: { color: '#b91c1c', weight: 4, dashArray: undefined },
  driving: { color: '#b25e09', weight: 3, dashArray: '2 6' },
  gap: { color: '#6b7280', weight: 3, dashArray: '10 8' },
} as const;

function numberIcon(point: ReplayPoint) {
  return L.divIcon({
    className: '',
    html: `<span class="shift-stop${point.flagged ? ' shift-stop-flagged' : ''}">${point.number}</span>`,
    iconSize: [24, 24],
    iconAnchor: [12, 12],
  });
}

/**
 * The shift replayed: canvasser positions numbered in time order and joined
 * by its route, a thin line from each to its household, fast legs and long
 * gaps drawn apart, flagged visits in red. Draws on a plain background when
 * no basemap is configured.
 */
export default function ShiftMap({ points, legs, tileUrl, tileAttribution }: ShiftMapProps) {
  const located = points.filter((point) => point.position !== null);
  const all = located.flatMap((point) => [point.position!, ...(point.home ? [point.home] : [])]);
  if (all.length === 0) return <p className="text-sm text-slate-600">No location was recorded in this shift.</p>;
  const route = located.map((point) => point.position!);
  return (
    <div role="region" aria-label="Route replay of the shift">
      <MapContainer bounds={L.latLngBounds(all)} boundsOptions={{ padding: [30, 30], maxZoom: 18 }} className="h-[28rem] w-full rounded-md bg-slate-100">
        {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution} />}
        <Polyline positions={route} pathOptions={{ color: '#1d5fbf', weight: 2, opacity: 0.7 }} />
        {legs.map((leg, i) => (
          <Polyline key={`leg-${i}`} positions={[leg.from, leg.to]} pathOptions={LEG_STYLE[leg.kind]}>
            <Tooltip sticky>{leg.label}</Tooltip>
          </Polyline>
        ))}
        {located.map((point) =>
          point.home ? (
            <Polyline
              key={`home-line-${point.number}`}
              positions={[point.position!, point.home]}
              pathOptions={{ color: point.flagged ? '#b91c1c' : '#64748b', weight: 1, dashArray: '4 4' }}
            />
          ) : null,
        )}
        {located.map((point) =>
          point.home ? (
            <CircleMarker
              key={`home-${point.number}`}
              center={point.home}
              radius={4}
              pathOptions={{ color: '#ffffff', weight: 1, fillColor: '#1b7f3b', fillOpacity: 1 }}
            >
              <Tooltip>Household of stop {point.number}</Tooltip>
            </CircleMarker>
          ) : null,
        )}
        {located.map((point) => (
          <Marker
            key={`stop-${point.number}`}
            position={point.position!}
            icon={numberIcon(point)}
            title={`Stop ${point.number}: ${point.label}`}
            alt={`Stop ${point.number}`}
          />
        ))}
      </MapContainer>
      <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600" aria-label="Map legend">
        <li>
          <span className="shift-stop shift-stop-legend">1</span> stop, in time order
        </li>
        <li>
          <span className="shift-stop shift-stop-flagged shift-stop-legend">2</span> flagged stop
        </li>
        <li>
          <span className="inline-block h-1 w-6 bg-red-700 align-middle" /> faster than anyone walks
        </li>
        <li>
          <span className="inline-block h-0 w-6 border-t-2 border-dashed border-slate-500 align-middle" /> long gap
        </li>
        <li>
          <span className="inline-block h-0 w-6 border-t border-dashed border-slate-500 align-middle" /> to the household
        </li>
      </ul>
    </div>
  );
}
