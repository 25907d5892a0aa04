/**
 * The organization's choice of unit system, kept in the dashboard's store
 * (Polis has no such setting), and the system a campaign's pages use:
 * the organization's choice, or else the one of the campaign's country (read
 * from its contacts' addresses, since a Polis campaign records no country).
 *
 * @example
 *   const units = await unitSystemFor(auth, campaignId); // 'imperial' for a Boston campaign
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { isIn } from '@/lib/polis/filter';
import { openStore } from '@/lib/store/store';
import { defaultUnitSystem, UNIT_SYSTEMS, type UnitSystem } from './units';

const isUnitSystem = (value: string): value is UnitSystem => (UNIT_SYSTEMS as readonly string[]).includes(value);

/** The organization's choice, or null while it has made none. */
export async function chosenUnitSystem(organizationId: string): Promise<UnitSystem | null> {
  const { db } = await openStore();
  const row = await db.selectFrom('organization_units').select('unit_system').where('organization_id', '=', organizationId).executeTakeFirst();
  return row && isUnitSystem(row.unit_system) ? row.unit_system : null;
}

export async function chooseUnitSystem(organizationId: string, system: UnitSystem, userId: string): Promise<void> {
  const { db } = await openStore();
  const row = { organization_id: organizationId, unit_system: system, chosen_by: userId, updated: new Date().toISOString() };
  await db
    .insertInto('organization_units')
    .values(row)
    .onConflict((conflict) => conflict.column('organization_id').doUpdateSet({ unit_system: system, chosen_by: userId, updated: row.updated }))
    .execute();
}

// A campaign's country does not change under it: asked once per process.
const countries = new Map<string, Promise<string | null>>();

async function campaignCountry(auth: AuthContext, campaignId: string): Promise<string | null> {
  const key = `${auth.organization.id}:${campaignId}`;
  let country = countries.get(key);
  if (!country) {
    country = (async () => {
      const campaign = await auth.polis.getCampaign(campaignId);
      const lists = campaign.data.lists.map((l) => l.listId);
      if (lists.length === 0) return null;
      const { data } = await auth.polis.listContacts({ filter: isIn('/data/listId', lists), limit: 1 });
      return data[0]?.data.profile.address.country ?? null;
    })();
    countries.set(key, country);
    country.catch(() => countries.delete(key));
  }
  return country;
}

/** The unit system of a campaign's pages: the organization's choice, else its country's. */
export async function unitSystemFor(auth: AuthContext, campaignId: string): Promise<UnitSystem> {
  return (await chosenUnitSystem(auth.organization.id)) ?? defaultUnitSystem(await campaignCountry(auth, campaignId));
}
