/**
 * The sandbox's seeded canvassers, signed in as the mobile app would be: one
 * access token each, from the same issuer the OAuth code exchange uses, with
 * the canvasser role's permissions (read the work, record visits). The
 * authorize page is a browser form for dashboard users (organizers and
 * viewers), so a script cannot walk the code flow for a canvasser; this
 * issues the token the flow would end with.
 *
 * @example
 *   const teams = await canvasserTeams(db);          // per organization, canvasser1@… first
 *   const token = await signInCanvasser(db, teams[0].canvassers[0], teams[0].organizationId);
 */
import type { Db } from './db';
import { issueAccessToken } from './access';

export type SeededCanvasser = { userId: string; email: string; name: string };
export type CanvasserTeam = { organizationId: string; organizationName: string; canvassers: SeededCanvasser[] };

const collator = new Intl.Collator('en', { numeric: true });

/** Every organization with canvassers, each with its canvassers in the order of their emails (canvasser2 before canvasser10). */
export async function canvasserTeams(db: Db): Promise<CanvasserTeam[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['users.id as userId', 'users.email', 'users.data', 'organizations.id as organizationId', 'organizations.name as organizationName'])
    .where('memberships.role', '=', 'canvasser')
    .where('users.is_deleted', '=', 0)
    .execute();
  const teams = new Map<string, CanvasserTeam>();
  for (const row of rows) {
    const team =
      teams.get(row.organizationId) ??
      teams.set(row.organizationId, { organizationId: row.organizationId, organizationName: row.organizationName, canvassers: [] }).get(row.organizationId)!;
    const profile = (JSON.parse(row.data) as { profile?: { name?: string } }).profile;
    team.canvassers.push({ userId: row.userId, email: row.email, name: profile?.name ?? row.email });
  }
  for (const team of teams.values()) team.canvassers.sort((a, b) => collator.compare(a.email, b.email));
  return [...teams.values()].sort((a, b) => collator.compare(a.organizationName, b.organizationName));
}

/** A fresh access token for the canvasser in that organization. */
export async function signInCanvasser(db: Db, canvasser: SeededCanvasser, organizationId: string): Promise<string> {
  return (await issueAccessToken(db, { userId: canvasser.userId, organizationId })).token;
}

/**
 * When the latest visit of any of these canvassers happened (epoch ms), or
 * null: what their phones remember, so a replayed day starts after what an
 * earlier run already recorded instead of walking the same hours twice.
 */
export async function lastVisitOf(db: Db, userIds: string[]): Promise<number | null> {
  if (userIds.length === 0) return null;
  const row = await db
    .selectFrom('interactions')
    .select((eb) => eb.fn.max('timestamp').as('latest'))
    .where('created_by', 'in', userIds)
    .where('is_deleted', '=', 0)
    .executeTakeFirst();
  return row?.latest ? Date.parse(row.latest) : null;
}
