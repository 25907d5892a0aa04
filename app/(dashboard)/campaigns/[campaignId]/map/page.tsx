import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import { FilterBar } from '@/components/interactions/filter-bar';
import { NewVisitsNotice } from '@/components/today/new-visits-notice';
import { renderedAt } from '@/lib/today/rendered-at';
import { MapViewLoader } from '@/components/map/map-view-loader';
import { ErrorState } from '@/components/ui/error-state';
import { readPolis, requireAuth } from '@/lib/auth/session';
import { filterProblems, filtersToSearch, parseFilters } from '@/lib/filters/filters';
import { loadCampaignContext } from '@/lib/interactions/queries';
import { filterChoices, loadIndexSettled } from '@/lib/interactions/filter-choices';
import { unitSystemFor } from '@/lib/units/preference';
import { clustererFor } from '@/lib/map-index/clusters';
import { settings } from '@/lib/settings';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Map', (await params).campaignId);
}

function readView(search: Record<string, string | string[] | undefined>) {
  const [lat, lng, zoom] = ['lat', 'lng', 'z'].map((key) => Number(search[key]));
  const valid =
    Number.isFinite(lat) && Math.abs(lat!) <= 90 && Number.isFinite(lng) && Math.abs(lng!) <= 180 && Number.isInteger(zoom) && zoom! >= 0 && zoom! <= 20;
  return search.lat !== undefined && valid ? { lat: lat!, lng: lng!, zoom: zoom! } : null;
}

export default async function MapPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const search = await searchParams;
  const filters = parseFilters(search);
  const filterQuery = filtersToSearch(filters).toString();
  const base = `/campaigns/${campaignId}/map`;
  const here = `${base}?${new URLSearchParams(search as Record<string, string>)}`;
  const auth = await requireAuth(here);
  const loaded = await readPolis(here, async () => {
    // A first build gets a moment to finish: the walklist choice and the map's extent both come from it.
    const [context, entry, units] = await Promise.all([
      loadCampaignContext(auth, campaignId),
      loadIndexSettled(auth, campaignId),
      unitSystemFor(auth, campaignId),
    ]);
    const timeZone = await campaignTimeZone(auth, context.campaign);
    // With the index at hand, the map opens fitted to the data: no first request for the whole country.
    const bounds = entry.index && !readView(search) ? clustererFor(entry.index, filters, timeZone).bounds : null;
    // The map shows what Polis had received when the page was drawn (whether or not the index has read it yet); later visits wait behind the notice.
    const asOf = renderedAt();
    return { context, choices: filterChoices(context, entry.index), bounds, units, timeZone, asOf };
  });
  if (!loaded.ok) return <ErrorState title="The map could not be loaded" message={loaded.message} retryHref={here} />;
  const { context, choices, bounds, units, timeZone, asOf } = loaded.value;
  const view = readView(search);
  return (
    <div className="space-y-4">
      <FilterBar
        action={base}
        filters={filters}
        {...choices}
        units={units}
        timeZone={timeZone}
        problems={filterProblems(search)}
        questions={context.questions}
        keep={view ? { lat: String(view.lat), lng: String(view.lng), z: String(view.zoom) } : {}}
      />
      <NewVisitsNotice campaignId={campaignId} since={asOf} filterQuery={filterQuery} />
      <MapViewLoader
        key={filterQuery}
        campaignId={campaignId}
        filterQuery={filterQuery}
        asOf={asOf}
        initialView={view}
        initialBounds={bounds}
        selectedId={typeof search.selected === 'string' ? search.selected : undefined}
        timeZone={timeZone}
        tileUrl={settings.tileUrl}
        tileAttribution={settings.tileAttribution}
        units={units}
      />
    </div>
  );
}
