'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import { OUTCOME_STYLE, OutcomeShape } from '@/components/interactions/outcome-badge';
import { OUTCOME_LABELS, OUTCOMES } from '@/lib/filters/outcome';
import type { PointDetails } from '@/lib/interactions/point-details';
import type { ClusterFeature, ClusterResponse, PointFeature } from '@/lib/map-index/clusters';
import { formatLocal } from '@/lib/time/format';
import { formatMiles, type UnitSystem } from '@/lib/units/units';
import { donutSvg } from './donut';
import { MAP_HEIGHT_CLASS } from './fit-zoom';
import { ShapeMarker } from './shape-marker';

export type MapViewProps = {
  campaignId: string;
  /** The shared filters as URL parameters. */
  filterQuery: string;
  /** Epoch seconds: the map shows the visits Polis had received by then, so it never changes under the user's hands. */
  asOf: number;
  initialView: { lat: number; lng: number; zoom: number } | null;
  /** The data's extent [west, south, east, north], when the server already knows it: the map opens fitted to it. */
  initialBounds: [number, number, number, number] | null;
  tileUrl: string;
  tileAttribution: string;
  /** How distances are written: the organization's unit system. */
  units: UnitSystem;
  /** Clusters already asked for at the zoom the map will open at, before Leaflet loaded. */
  prefetched: Prefetched | null;
  /** An interaction to single out (from its detail or the table): ringed on the map, marked in the list. */
  selectedId?: string;
  /** The campaign's zone: every time in the popups and the list is shown in it. */
  timeZone: string;
};

export type Prefetched = { zoom: number; data: Promise<unknown> };

type Data = { state: 'loading' } | { state: 'error'; message: string } | ClusterResponse;

const number = new Intl.NumberFormat('en-US');

const distanceText = (miles: number | null, units: UnitSystem) => (miles === null ? 'No distance recorded' : `${formatMiles(miles, units)} from the household`);

function popupContent(details: PointDetails, units: UnitSystem, timeZone: string) {
  const root = document.createElement('div');
  root.className = 'space-y-1 text-sm';
  const line = (text: string, className = '') => {
    const p = document.createElement('p');
    p.textContent = text;
    p.className = className;
    root.append(p);
  };
  line(details.contact, 'font-semibold');
  line(details.address, 'text-slate-600');
  line(`${formatLocal(details.time, timeZone)} · ${details.canvasser}`);
  line(`${OUTCOME_LABELS[details.outcome]}${details.unavailableReason ? ` (${details.unavailableReason})` : ''}`);
  line(distanceText(details.distance, units));
  const link = document.createElement('a');
  link.href = details.href;
  link.textContent = 'Open the interaction';
  link.className = 'font-medium text-brand-700 underline';
  root.append(link);
  return root;
}

/**
 * Milliseconds of marker removing and adding per animation frame, so a view of
 * thousands of points never blocks the page. A frame also lays out what
 * changed and may handle a drag: a fixed count per frame (400) made frames of
 * over 50 ms on a slow machine, where the clusters' icons are many.
 */
const FRAME_BUDGET_MS = 6;

/** Draws clusters (DOM donuts) and points (shaped markers on one shared canvas), and opens popups. */
function ClusterLayer({
  data,
  campaignId,
  selectedId,
  units,
  timeZone,
  onZoomTo,
}: {
  data: Data;
  campaignId: string;
  selectedId?: string;
  units: UnitSystem;
  timeZone: string;
  onZoomTo: (lat: number, lng: number) => void;
}) {
  const map = useMap();
  const layer = useRef<L.LayerGroup | null>(null);
  const renderer = useRef<L.Canvas | null>(null);
  useEffect(() => {
    layer.current = L.layerGroup().addTo(map);
    renderer.current = L.canvas({ padding: 0.2 });
    return () => void layer.current?.remove();
  }, [map]);
  useEffect(() => {
    const group = layer.current;
    if (!group || data.state !== 'ready') return;
    // The markers on the map now (the last view's, or part of it and part of this one's if it was still
    // being drawn): taken off in the same frames as this view's are added, not all in one task.
    const stale = group.getLayers();
    const toMarker = (feature: ClusterFeature | PointFeature): L.Layer => {
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      if (feature.properties.cluster) {
        const props = feature.properties;
        const donut = donutSvg({ successful: props.successful, contacted: props.contacted, unavailable: props.unavailable }, props.count);
        const marker = L.marker([lat, lng], {
          icon: L.divIcon({ html: donut.html, className: 'polis-cluster', iconSize: [donut.size, donut.size] }),
          title: donut.label,
          keyboard: true,
        });
        return marker.on('click', () => onZoomTo(lat, lng));
      }
      const { id, outcome } = feature.properties;
      const style = OUTCOME_STYLE[outcome];
      const selected = id === selectedId;
      const marker = new ShapeMarker([lat, lng], {
        renderer: renderer.current!,
        radius: selected ? 9 : 6,
        shape: style.shape,
        color: selected ? '#0f172a' : '#ffffff',
        weight: selected ? 3 : 1.5,
        fillColor: style.color,
        fillOpacity: 1,
      });
      return marker.on('click', () => {
        const popup = L.popup().setLatLng([lat, lng]).setContent('Loading…').openOn(map);
        // A dropped connection says so in the popup rather than leaving "Loading…" behind.
        fetch(`/api/map/${campaignId}/points/${id}`)
          .then(async (response) =>
            response.ok ? popupContent((await response.json()) as PointDetails, units, timeZone) : 'This interaction could not be loaded.',
          )
          .catch(() => 'This interaction could not be loaded. Check the connection and try again.')
          .then(
            (content) => popup.setContent(content),
            () => {},
          );
      });
    };
    let removed = 0;
    let next = 0;
    let frame = 0;
    const step = () => {
      const until = performance.now() + FRAME_BUDGET_MS;
      // At least one change a frame, however slow the machine.
      let changes = 0;
      const inBudget = () => changes++ === 0 || performance.now() < until;
      while (removed < stale.length && inBudget()) group.removeLayer(stale[removed++]!);
      while (removed === stale.length && next < data.features.length && inBudget()) group.addLayer(toMarker(data.features[next++]!));
      if (removed < stale.length || next < data.features.length) frame = requestAnimationFrame(step);
    };
    step();
    return () => cancelAnimationFrame(frame);
  }, [data, map, campaignId, selectedId, units, timeZone, onZoomTo]);
  return null;
}

function ViewTracker({ onMove }: { onMove: (map: L.Map) => void }) {
  const map = useMapEvents({ moveend: () => onMove(map) });
  useEffect(() => {
    // Leaflet makes its container a tab stop for keyboard panning: give that stop a name.
    map.getContainer().setAttribute('aria-label', 'Map: arrow keys pan, plus and minus zoom');
    onMove(map);
  }, [map, onMove]);
  return null;
}

/**
 * The basemap, while it loads. When its tiles fail before any has drawn, it is taken off the map (and
 * with it the credit to its provider, since nothing of theirs is shown) and the page says so.
 */
function Basemap({ url, attribution, onFailed }: { url: string; attribution: string; onFailed: () => void }) {
  const loaded = useRef(false);
  const failures = useRef(0);
  const handlers = useMemo(
    () => ({
      tileload: () => {
        loaded.current = true;
      },
      tileerror: () => {
        failures.current++;
        if (!loaded.current && failures.current >= 2) onFailed();
      },
    }),
    [onFailed],
  );
  return <TileLayer url={url} attribution={attribution} eventHandlers={handlers} />;
}

/** The list's details of each point in view, asked for once the points are known. */
function usePointDetails(campaignId: string, ids: string[]): Map<string, PointDetails> {
  const [details, setDetails] = useState<Map<string, PointDetails>>(new Map());
  const key = ids.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    fetch(`/api/map/${campaignId}/points?ids=${key}`, { signal: controller.signal })
      .then((response) => (response.ok ? response.json() : { data: [] }))
      .then((body: { data: PointDetails[] }) => setDetails(new Map(body.data.map((d) => [d.id, d]))))
      .catch(() => {});
    return () => controller.abort();
  }, [campaignId, key]);
  return details;
}

/** Points listed beside the map, with their details: enough to judge each, few enough to read. */
const LISTED_POINTS = 100;

export default function MapView({
  campaignId,
  filterQuery,
  asOf,
  initialView,
  initialBounds,
  tileUrl,
  tileAttribution,
  units,
  prefetched,
  selectedId,
  timeZone,
}: MapViewProps) {
  const [data, setData] = useState<Data>({ state: 'loading' });
  const [basemapFailed, setBasemapFailed] = useState(false);
  const onBasemapFailed = useCallback(() => setBasemapFailed(true), []);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const focusListAfterLoad = useRef(false);
  const mapRef = useRef<L.Map | null>(null);
  const fitted = useRef(initialView !== null || initialBounds !== null);
  const request = useRef<AbortController | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadAgain = useRef<(map: L.Map) => Promise<void>>(async () => {});
  // Only the very first load may use clusters prefetched before the map mounted.
  const head = useRef(prefetched);

  const load = useCallback(
    async (map: L.Map) => {
      mapRef.current = map;
      request.current?.abort();
      if (retry.current) clearTimeout(retry.current);
      const controller = new AbortController();
      request.current = controller;
      const b = map.getBounds();
      const zoom = map.getZoom();
      const center = map.getCenter();
      const params = new URLSearchParams(filterQuery);
      // The view lives in the URL: a shared link or a reload opens the same place.
      if (fitted.current) {
        params.set('lat', center.lat.toFixed(5));
        params.set('lng', center.lng.toFixed(5));
        params.set('z', String(zoom));
        if (selectedId) params.set('selected', selectedId);
        window.history.replaceState(null, '', `?${params}`);
      }
      const query = new URLSearchParams(filterQuery);
      query.set('bbox', [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(6)).join(','));
      query.set('zoom', String(zoom));
      query.set('asOf', String(asOf));
      // Points a change behind their counts (the new clusters are being built) are shown, then asked for again.
      const show = (body: Data) => {
        setData(body);
        if (body.state === 'ready' && body.refreshing) retry.current = setTimeout(() => void loadAgain.current(map), 500);
      };
      try {
        // The first view may already be on its way (same zoom, the data's whole extent).
        const early = head.current && head.current.zoom === zoom ? await head.current.data : null;
        head.current = null;
        if (early && !controller.signal.aborted) {
          show(early as Data);
          return;
        }
        const response = await fetch(`/api/map/${campaignId}/clusters?${query}`, { signal: controller.signal });
        const body = await response.json();
        if (!response.ok) {
          setData({ state: 'error', message: body.error ?? `The map data could not be loaded (${response.status}).` });
          return;
        }
        if (body.state === 'building') {
          setData(body);
          retry.current = setTimeout(() => void loadAgain.current(map), 1000);
          return;
        }
        if (!fitted.current && body.bounds) {
          fitted.current = true;
          const [w, s, e, n] = body.bounds;
          map.fitBounds(
            [
              [s, w],
              [n, e],
            ],
            { padding: [24, 24] },
          );
          return; // the move triggers a load for the fitted view
        }
        show(body);
      } catch (error) {
        if ((error as Error).name !== 'AbortError')
          setData({ state: 'error', message: 'The map data could not be loaded. Check the connection and move the map to try again.' });
      }
    },
    [campaignId, filterQuery, selectedId, asOf],
  );

  useEffect(() => {
    loadAgain.current = load;
  }, [load]);

  // The user took the new visits in (a later `asOf`): the same view, redrawn with them.
  const shownAsOf = useRef(asOf);
  useEffect(() => {
    if (shownAsOf.current === asOf) return;
    shownAsOf.current = asOf;
    if (mapRef.current) void load(mapRef.current);
  }, [asOf, load]);

  useEffect(
    () => () => {
      request.current?.abort();
      if (retry.current) clearTimeout(retry.current);
    },
    [],
  );

  const zoomTo = useCallback((lat: number, lng: number) => {
    const map = mapRef.current;
    if (map) map.setView([lat, lng], Math.min(map.getZoom() + 2, 19));
  }, []);

  /** From the list: zoom, then bring focus back to the list, whose buttons the new view replaces. */
  const zoomFromList = (lat: number, lng: number) => {
    focusListAfterLoad.current = true;
    zoomTo(lat, lng);
  };
  useEffect(() => {
    if (data.state === 'ready' && focusListAfterLoad.current) {
      focusListAfterLoad.current = false;
      listHeading.current?.focus();
    }
  }, [data]);

  /** Every matching point in view: the data's whole extent. */
  const showAll = () => {
    const map = mapRef.current;
    if (!map || data.state !== 'ready' || !data.bounds) return;
    const [w, s, e, n] = data.bounds;
    map.fitBounds(
      [
        [s, w],
        [n, e],
      ],
      { padding: [24, 24] },
    );
  };

  const points = data.state === 'ready' ? data.features.filter((f): f is PointFeature => !f.properties.cluster) : [];
  const clusters = data.state === 'ready' ? data.features.filter((f): f is ClusterFeature => f.properties.cluster) : [];
  const listed = [...points.filter((p) => p.properties.id === selectedId), ...points.filter((p) => p.properties.id !== selectedId).slice(0, LISTED_POINTS)];
  const details = usePointDetails(
    campaignId,
    listed.map((p) => p.properties.id),
  );
  const outOfView = data.state === 'ready' && data.features.length === 0 && data.total > 0;

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[1fr_20rem]">
      <a href="#map-list" className="sr-only focus:not-sr-only focus:absolute focus:z-[1100] focus:rounded focus:bg-white focus:p-2 focus:shadow">
        Skip to the list of interactions in view
      </a>
      <div className="relative" role="region" aria-label="Map of the campaign's interactions">
        <MapContainer
          center={initialView ? [initialView.lat, initialView.lng] : initialBounds ? undefined : [39.5, -98.35]}
          zoom={initialView?.zoom ?? (initialBounds ? undefined : 4)}
          bounds={
            !initialView && initialBounds
              ? [
                  [initialBounds[1], initialBounds[0]],
                  [initialBounds[3], initialBounds[2]],
                ]
              : undefined
          }
          boundsOptions={{ padding: [24, 24] }}
          preferCanvas
          maxZoom={19}
          className={`${MAP_HEIGHT_CLASS} w-full rounded-lg border border-slate-200 bg-slate-100`}
        >
          {tileUrl && !basemapFailed && <Basemap url={tileUrl} attribution={tileAttribution} onFailed={onBasemapFailed} />}
          <ViewTracker onMove={load} />
          <ClusterLayer data={data} campaignId={campaignId} selectedId={selectedId} units={units} timeZone={timeZone} onZoomTo={zoomTo} />
        </MapContainer>
        {basemapFailed && (
          <p className="absolute bottom-2 left-2 z-[1000] rounded bg-white/95 px-2 py-1 text-xs text-slate-700 shadow" role="status">
            The basemap could not load, so the interactions are drawn on a plain background.
          </p>
        )}
        {outOfView && (
          <div
            className="absolute inset-x-4 top-4 z-[1000] flex flex-wrap items-center justify-between gap-2 rounded-md bg-white/95 p-3 text-sm shadow"
            role="status"
          >
            <span>None of the {number.format(data.total)} matching interactions is in this view.</span>
            <button type="button" className="font-medium text-brand-700 underline" onClick={showAll}>
              Show all {number.format(data.total)}
            </button>
          </div>
        )}
        {data.state === 'building' && (
          <div className="absolute inset-x-4 top-4 z-[1000] rounded-md bg-white/95 p-3 shadow" role="status">
            <p className="text-sm font-medium" id="map-progress">
              Indexing interactions: {number.format(data.loaded)} of {data.total ? number.format(data.total) : '…'}
            </p>
            <progress className="mt-2 h-2 w-full" aria-labelledby="map-progress" value={data.loaded} max={data.total || 1} />
          </div>
        )}
        {data.state === 'error' && (
          <div className="absolute inset-x-4 top-4 z-[1000] rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" role="alert">
            {data.message}
          </div>
        )}
      </div>
      <aside className="space-y-4" aria-label="Map legend and visible interactions">
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-sm font-semibold">Legend</h2>
          <ul className="space-y-1 text-sm" aria-label="Outcomes">
            {OUTCOMES.map((outcome) => (
              <li key={outcome} className="flex items-center justify-between gap-2">
                <span className="flex items-center gap-2">
                  <OutcomeShape outcome={outcome} size={14} />
                  {OUTCOME_LABELS[outcome]}
                </span>
                <span className="tabular-nums" data-testid={`count-${outcome}`}>
                  {data.state === 'ready' ? number.format(data.counts[outcome]) : '…'}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-2 border-t border-slate-100 pt-2 text-sm">
            Total: <strong data-testid="map-total">{data.state === 'ready' ? number.format(data.total) : '…'}</strong>
          </p>
          {data.state === 'ready' && data.unplaced > 0 && (
            <p className="mt-1 text-sm text-slate-600" data-testid="map-unplaced">
              {number.format(data.unplaced)} without a position (paper sheets), counted but not on the map
            </p>
          )}
          <p className="mt-1 text-xs text-slate-500">Circles are groups; the ring shows their mix of outcomes.</p>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="map-list" ref={listHeading} tabIndex={-1} className="mb-2 text-sm font-semibold">
            In view
          </h2>
          {data.state !== 'ready' ? (
            <p className="text-sm text-slate-500">Loading…</p>
          ) : outOfView ? (
            <p className="text-sm text-slate-500">
              None here.{' '}
              <button type="button" className="text-brand-700 underline" onClick={showAll}>
                Show all {number.format(data.total)}
              </button>
            </p>
          ) : data.features.length === 0 ? (
            <p className="text-sm text-slate-500">No interactions match the filters. Change or clear them.</p>
          ) : (
            <ul className="max-h-[45vh] space-y-1 overflow-auto text-sm" aria-label="Interactions in view">
              {clusters.slice(0, 50).map((cluster) => {
                const [lng, lat] = cluster.geometry.coordinates as [number, number];
                return (
                  <li key={`c${cluster.properties.id}`}>
                    <button type="button" className="text-left text-brand-700 hover:underline" onClick={() => zoomFromList(lat, lng)}>
                      Group of {number.format(cluster.properties.count)}: zoom in
                    </button>
                  </li>
                );
              })}
              {listed.map((point) => {
                const about = details.get(point.properties.id);
                return (
                  <li
                    key={point.properties.id}
                    className={`flex items-start gap-2 py-1 ${point.properties.id === selectedId ? 'rounded bg-amber-50' : ''}`}
                    aria-current={point.properties.id === selectedId ? 'true' : undefined}
                  >
                    <span className="mt-1">
                      <OutcomeShape outcome={point.properties.outcome} />
                    </span>
                    <span className="min-w-0">
                      {/* The link says who, the outcome and when, so each is told apart by its name alone. */}
                      <a className="font-medium text-brand-700 hover:underline" href={`/campaigns/${campaignId}/interactions/${point.properties.id}`}>
                        {about ? about.contact : OUTCOME_LABELS[point.properties.outcome]}
                        <span className="sr-only">
                          {about && `, ${OUTCOME_LABELS[point.properties.outcome]}`}, {formatLocal(point.properties.time, timeZone, 'medium')}
                        </span>
                      </a>
                      {about && <span className="block truncate text-xs text-slate-600">{about.address}</span>}
                      <span className="block text-xs text-slate-600">
                        <span aria-hidden="true">{formatLocal(point.properties.time, timeZone, 'medium')}</span>
                        {about && ` · ${about.canvasser} · ${distanceText(about.distance, units)}`}
                      </span>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </aside>
    </div>
  );
}
