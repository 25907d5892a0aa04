'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { CircleMarker, MapContainer, Marker, TileLayer, Tooltip, useMap } from 'react-leaflet';

type Props = {
  lat: number;
  lng: number;
  household: { lat: number; lng: number } | null;
  onMove: (lat: number, lng: number) => void;
  tileUrl: string;
  tileAttribution: string;
};

const pin = L.divIcon({
  className: '',
  html: '<svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true"><circle cx="11" cy="11" r="8" fill="#b25e09" stroke="white" stroke-width="3"/></svg>',
  iconSize: [22, 22],
});

function Follow({ lat, lng }: { lat: number; lng: number }) {
  const map = useMap();
  useEffect(() => {
    // Leaflet makes its container a tab stop for keyboard panning: give that stop a name.
    map.getContainer().setAttribute('aria-label', 'Map: arrow keys pan, plus and minus zoom');
  }, [map]);
  useEffect(() => {
    if (Number.isFinite(lat) && Number.isFinite(lng) && !map.getBounds().contains([lat, lng])) map.panTo([lat, lng]);
  }, [map, lat, lng]);
  return null;
}

/** Drag the canvasser's marker to correct where they stood; the coordinate inputs follow. */
export default function LocationPicker({ lat, lng, household, onMove, tileUrl, tileAttribution }: Props) {
  const marker = useRef<L.Marker>(null);
  const valid = Number.isFinite(lat) && Number.isFinite(lng);
  const center: [number, number] = valid ? [lat, lng] : household ? [household.lat, household.lng] : [39.5, -98.35];
  const handlers = useMemo(
    () => ({
      dragend() {
        const position = marker.current?.getLatLng();
        if (position) onMove(Number(position.lat.toFixed(7)), Number(position.lng.toFixed(7)));
      },
    }),
    [onMove],
  );
  return (
    <div role="region" aria-label="Map: drag the marker to where the canvasser stood">
      <MapContainer center={center} zoom={17} className="h-64 w-full rounded-md bg-slate-100">
        {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution} />}
        {household && (
          <CircleMarker center={[household.lat, household.lng]} radius={8} pathOptions={{ color: '#ffffff', weight: 2, fillColor: '#1b7f3b', fillOpacity: 1 }}>
            <Tooltip>Household</Tooltip>
          </CircleMarker>
        )}
        {valid && (
          <Marker position={[lat, lng]} draggable eventHandlers={handlers} ref={marker} icon={pin} title="Canvasser location (drag to move)" keyboard />
        )}
        <Follow lat={lat} lng={lng} />
      </MapContainer>
    </div>
  );
}
