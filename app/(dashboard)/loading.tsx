import { RouteLoading } from '@/components/ui/route-error';

export default function Loading() {
  return <RouteLoading what="your campaigns" />;
}
