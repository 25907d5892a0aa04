import { RouteLoading } from '@/components/ui/route-error';

// The list only: it is in a group of its own so that a canvasser's page, which can answer "not found", is outside this boundary.
export default function Loading() {
  return <RouteLoading what="the canvassers" />;
}
