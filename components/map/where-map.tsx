'use client';

import 'leaflet/dist/leaflet.css';
import { Circle, CircleMarker, MapContainer, Polyline, TileLayer, Tooltip } from 'react-leaflet';

export type WhereMapProps = {
  household: [lat: number, lng: number] | null;
  canvasser: [lat: number, lng: number] | null;
  /** GPS accuracy radius in metres. */
  confidence: number | null;
  /** The distance and the accuracy, already written in the organization's units. */
  distanceLabel: string | null;
  accuracyLabel: string | null;
  tileUrl: string;
  tileAttribution: string;
};

/** Colours of their own, apart from the outcome colours (green, amber, grey) of the campaign map. */
export const WHERE_COLOURS = { household: '#1e3a8a', canvasser: '#7c3aed' } as const;

function Swatch({ kind }: { kind: 'household' | 'canvasser' | 'accuracy' | 'line' }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="inline-block shrink-0">
      {kind === 'household' && <circle cx="8" cy="8" r="7" fill={WHERE_COLOURS.household} stroke="#fff" strokeWidth="2" />}
      {kind === 'canvasser' && <circle cx="8" cy="8" r="6" fill={WHERE_COLOURS.canvasser} stroke="#fff" strokeWidth="2" />}
      {kind === 'accuracy' && <circle cx="8" cy="8" r="6" fill={WHERE_COLOURS.canvasser} fillOpacity="0.12" stroke={WHERE_COLOURS.canvasser} strokeWidth="1" />}
      {kind === 'line' && <line x1="1" y1="8" x2="15" y2="8" stroke="#334155" strokeWidth="2" strokeDasharray="4 3" />}
    </svg>
  );
}

/**
 * Where the canvasser stood against where the household is, with the GPS
 * accuracy circle and a legend; the distance is written in the legend, not on
 * the map, where it would cover both points on a normal (short) visit.
 */
export default function WhereMap({ household, canvasser, confidence, distanceLabel, accuracyLabel, tileUrl, tileAttribution }: WhereMapProps) {
  const points = [household, canvasser].filter((p): p is [number, number] => p !== null);
  if (points.length === 0) return <p className="text-sm text-slate-600">No location was recorded.</p>;
  const bounds = points.length === 2 ? points : undefined;
  return (
    <div className="space-y-2">
      <div role="region" aria-label="Map of the household and the canvasser's location">
        <MapContainer
          bounds={bounds}
          boundsOptions={{ padding: [40, 40], maxZoom: 18 }}
          center={bounds ? undefined : points[0]}
          zoom={bounds ? undefined : 17}
          className="h-72 w-full rounded-md bg-slate-100"
          preferCanvas
          keyboard={false}
        >
          {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution} />}
          {household && canvasser && (
            <Polyline positions={[household, canvasser]} pathOptions={{ color: '#334155', dashArray: '6 6', weight: 2 }} interactive={false} />
          )}
          {canvasser && confidence !== null && (
            <Circle center={canvasser} radius={confidence} pathOptions={{ color: WHERE_COLOURS.canvasser, weight: 1, fillOpacity: 0.12 }} interactive={false} />
          )}
          {household && (
            <CircleMarker center={household} radius={8} pathOptions={{ color: '#ffffff', weight: 2, fillColor: WHERE_COLOURS.household, fillOpacity: 1 }}>
              <Tooltip>Household</Tooltip>
            </CircleMarker>
          )}
          {canvasser && (
            <CircleMarker center={canvasser} radius={7} pathOptions={{ color: '#ffffff', weight: 2, fillColor: WHERE_COLOURS.canvasser, fillOpacity: 1 }}>
              <Tooltip>Canvasser</Tooltip>
            </CircleMarker>
          )}
        </MapContainer>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Map legend">
        {household && (
          <li className="flex items-center gap-1.5">
            <Swatch kind="household" /> Household
          </li>
        )}
        {canvasser && (
          <li className="flex items-center gap-1.5">
            <Swatch kind="canvasser" /> Where the canvasser stood
          </li>
        )}
        {canvasser && confidence !== null && (
          <li className="flex items-center gap-1.5">
            <Swatch kind="accuracy" /> GPS accuracy{accuracyLabel ? ` (${accuracyLabel})` : ''}
          </li>
        )}
        {household && canvasser && (
          <li className="flex items-center gap-1.5">
            <Swatch kind="line" /> Distance{distanceLabel ? `: ${distanceLabel}` : ''}
          </li>
        )}
      </ul>
    </div>
  );
}
