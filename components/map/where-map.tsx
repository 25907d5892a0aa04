'use client';

import 'leaflet/dist/leaflet.css';
import { Circle, CircleMarker, MapContainer, Polyline, TileLayer, Tooltip } from 'react-leaflet';

export type WhereMapProps = {
  household: [lat: number, lng: number] | null;
  canvasser: [lat: number, lng: number] | null;
  /** GPS accuracy radius in metres. */
  confidence: number | null;
  distanceLabel: string | null;
  tileUrl: string;
  tileAttribution: string;
};

/** Where the canvasser stood against where the household is, with the GPS accuracy circle. */
export default function WhereMap({ household, canvasser, confidence, distanceLabel, tileUrl, tileAttribution }: WhereMapProps) {
  const points = [household, canvasser].filter((p): p is [number, number] => p !== null);
  if (points.length === 0) return <p className="text-sm text-slate-600">No location was recorded.</p>;
  const bounds = points.length === 2 ? points : undefined;
  return (
    <div role="region" aria-label="Map of the household and the canvasser's location">
    <MapContainer
      bounds={bounds}
      boundsOptions={{ padding: [40, 40], maxZoom: 18 }}
      center={bounds ? undefined : points[0]}
      zoom={bounds ? undefined : 17}
      className="h-72 w-full rounded-md bg-slate-100"
      preferCanvas
    >
      {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution} />}
      {household && canvasser && (
        <Polyline positions={[household, canvasser]} pathOptions={{ color: '#1d5fbf', dashArray: '6 6', weight: 2 }}>
          {distanceLabel && <Tooltip permanent direction="center">{distanceLabel}</Tooltip>}
        </Polyline>
      )}
      {canvasser && confidence !== null && <Circle center={canvasser} radius={confidence} pathOptions={{ color: '#b25e09', weight: 1, fillOpacity: 0.1 }} />}
      {household && (
        <CircleMarker center={household} radius={8} pathOptions={{ color: '#ffffff', weight: 2, fillColor: '#1b7f3b', fillOpacity: 1 }}>
          <Tooltip>Household</Tooltip>
        </CircleMarker>
      )}
      {canvasser && (
        <CircleMarker center={canvasser} radius={7} pathOptions={{ color: '#ffffff', weight: 2, fillColor: '#b25e09', fillOpacity: 1 }}>
          <Tooltip>Canvasser</Tooltip>
        </CircleMarker>
      )}
    </MapContainer>
    </div>
  );
}
