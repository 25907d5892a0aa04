'use client';

import { RouteError } from '@/components/ui/route-error';

/** Inside the campaign's layout: its name and tabs stay, so another view is one click away. */
export default function CampaignError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} what="This view of the campaign" />;
}
