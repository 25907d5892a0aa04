/**
 * npm run token -- <email> [organization id]
 * Prints a bearer token for a seeded user on stdout, and nothing else.
 */
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';

const [email, organizationId] = process.argv.slice(2);
if (!email) {
  console.error('usage: npm run token -- <email> [organization id]');
  process.exit(2);
}
const db = await openDatabase();
const token = await issueAccessTokenForEmail(db, email, organizationId);
if (!token) {
  console.error(`no seeded user ${email}${organizationId ? ` in organization ${organizationId}` : ''}; run npm run seed first`);
  process.exit(1);
}
console.log(token);
await closeDatabases();
