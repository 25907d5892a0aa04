import { redirect } from 'next/navigation';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string>> };

/** The map is a campaign's landing view. */
export default async function CampaignPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const query = new URLSearchParams(await searchParams);
  redirect(`/campaigns/${campaignId}/map${query.size ? `?${query}` : ''}`);
}
