import { RouteLoading } from '@/components/ui/route-error';

// The page never answers "not found" (the campaign's layout does, above this boundary).
export default function Loading() {
  return <RouteLoading what="the overview" />;
}
