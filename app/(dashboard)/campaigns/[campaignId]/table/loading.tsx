import { RouteLoading } from '@/components/ui/route-error';

// Only where the page never answers "not found": a loading boundary starts the response, and a 404 after it would go out as a 200.
export default function Loading() {
  return <RouteLoading what="the interactions" />;
}
