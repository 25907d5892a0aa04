import { withAuthRoute } from '@/lib/auth/guard';
import { outcomeOf } from '@/lib/filters/outcome';
import { contactAddress, contactName } from '@/lib/interactions/rows';
import { eq } from '@/lib/polis/filter';

/** What a map popup shows of one interaction. */
export const GET = withAuthRoute<{ campaignId: string; interactionId: string }>('read@interactions', async (auth, _request, { campaignId, interactionId }) => {
  const interaction = await auth.polis.getInteraction(interactionId);
  if (interaction.data.campaignId !== campaignId) return Response.json({ error: 'No such interaction in this campaign.' }, { status: 404 });
  const [contact, users] = await Promise.all([auth.polis.getContact(interaction.data.contactId).catch(() => undefined), auth.polis.listUsers({ filter: eq('/id', interaction.meta.createdBy) })]);
  const canvasser = users.data[0];
  return Response.json({
    id: interaction.id,
    href: `/campaigns/${campaignId}/interactions/${interaction.id}`,
    contact: contactName(contact),
    address: contactAddress(contact),
    time: interaction.data.timestamp,
    canvasser: canvasser?.data.profile?.name ?? canvasser?.data.email ?? 'Unknown canvasser',
    outcome: outcomeOf(interaction.data),
    unavailableReason: interaction.data.unavailableReason ?? null,
    distance: interaction.data.distance ?? null,
  });
});
