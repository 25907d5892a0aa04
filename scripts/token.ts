/**
 * npm run token -- <email> [organization id]
 * Prints a bearer token for a seeded user on stdout, and nothing else.
 */
import { issueAccessToken } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';

const [email, organizationId] = process.argv.slice(2);
if (!email) {
  console.error('usage: npm run token -- <email> [organization id]');
  process.exit(2);
}
const db = await openDatabase();
const membership = await db
  .selectFrom('users')
  .innerJoin('memberships', 'memberships.user_id', 'users.id')
  .select(['users.id as userId', 'memberships.organization_id as organizationId'])
  .where('users.email', '=', email.toLowerCase())
  .$if(organizationId !== undefined, (q) => q.where('memberships.organization_id', '=', organizationId!))
  .executeTakeFirst();
if (!membership) {
  console.error(`no seeded user ${email}${organizationId ? ` in organization ${organizationId}` : ''}; run npm run seed first`);
  process.exit(1);
}
const { token } = await issueAccessToken(db, membership);
console.log(token);
await closeDatabases();
